import WebSocket from 'ws'
import { CloseCodes, closeReason } from './close-codes.js'

export interface ConnectionLimits {
  /** Outgoing bytes that may wait for a peer before it is closed as too slow. */
  maxBufferedBytes: number
  /** A ping goes out this often; a peer that has not answered the previous one is dropped. */
  pingIntervalMs: number
}

/** A socket with the server's per-connection limits applied. */
export interface GuardedConnection {
  /**
   * Sends unless the message would push the bytes waiting for this peer over `maxBufferedBytes`; then
   * the peer is closed with 1013 and `false` is returned. The server's memory per connection thus stays
   * below the cap whatever the peer does. `written` is called once the frame left the process.
   */
  send(data: string | Buffer, options?: { binary?: boolean }, written?: (error?: Error) => void): boolean
  /** Stops the heartbeat (it also stops by itself when the socket closes). */
  dispose(): void
}

export const SLOW_READER_REASON = 'Client is not reading fast enough: reconnect and resume'

/**
 * Applies the per-connection limits to a server-side socket: a cap on buffered outgoing bytes and a
 * ping/pong heartbeat that terminates peers which stopped answering (dead networks never say goodbye).
 *
 * @example
 * const connection = guardConnection(socket, config.limits)
 * connection.send(JSON.stringify(reading))
 */
export function guardConnection(socket: WebSocket, limits: ConnectionLimits): GuardedConnection {
  let answered = true
  const onPong = () => {
    answered = true
  }
  socket.on('pong', onPong)
  const heartbeat = setInterval(() => {
    if (socket.readyState !== WebSocket.OPEN) return
    if (!answered) {
      socket.terminate()
      return
    }
    answered = false
    socket.ping()
  }, limits.pingIntervalMs)
  // The heartbeat alone must not keep the process alive.
  heartbeat.unref()

  const dispose = () => {
    clearInterval(heartbeat)
    socket.off('pong', onPong)
  }
  socket.once('close', dispose)

  return {
    send(data, options = {}, written) {
      if (socket.readyState !== WebSocket.OPEN) return false
      const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length
      if (socket.bufferedAmount + size > limits.maxBufferedBytes) {
        socket.close(CloseCodes.TRY_LATER, closeReason(SLOW_READER_REASON))
        return false
      }
      socket.send(data, { binary: options.binary ?? typeof data !== 'string' }, written)
      return true
    },
    dispose,
  }
}
