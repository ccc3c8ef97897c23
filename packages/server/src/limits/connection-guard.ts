import { CloseCodes } from '@tether/core'
import WebSocket from 'ws'
import { closeReason } from './close-codes.js'

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
 * The sockets pinged at one interval, each with whether it answered the last ping. One timer per
 * interval for the whole server, not one per connection: idle connections are most of a server's
 * memory, and a timer plus its closures per socket was a large share of each one.
 */
const heartbeats = new Map<number, { sockets: Map<WebSocket, boolean>; timer: NodeJS.Timeout }>()

function beat(sockets: Map<WebSocket, boolean>): void {
  for (const [socket, answered] of sockets) {
    if (socket.readyState !== WebSocket.OPEN) continue
    if (!answered) {
      socket.terminate()
      continue
    }
    sockets.set(socket, false)
    socket.ping()
  }
}

// Shared listeners (`this` is the socket), so watching a socket allocates no closures.
function onPong(this: WebSocket): void {
  for (const { sockets } of heartbeats.values()) if (sockets.has(this)) sockets.set(this, true)
}

function unwatch(this: WebSocket): void {
  this.off('pong', onPong)
  this.off('close', unwatch)
  for (const [intervalMs, heartbeat] of heartbeats) {
    if (!heartbeat.sockets.delete(this) || heartbeat.sockets.size > 0) continue
    clearInterval(heartbeat.timer)
    heartbeats.delete(intervalMs)
  }
}

function watch(socket: WebSocket, intervalMs: number): void {
  let heartbeat = heartbeats.get(intervalMs)
  if (!heartbeat) {
    const sockets = new Map<WebSocket, boolean>()
    const timer = setInterval(() => beat(sockets), intervalMs)
    // The heartbeat alone must not keep the process alive.
    timer.unref()
    heartbeat = { sockets, timer }
    heartbeats.set(intervalMs, heartbeat)
  }
  heartbeat.sockets.set(socket, true)
  socket.on('pong', onPong)
  socket.once('close', unwatch)
}

/**
 * Applies the per-connection limits to a server-side socket: a cap on buffered outgoing bytes and a
 * ping/pong heartbeat that terminates peers which stopped answering (dead networks never say goodbye).
 *
 * @example
 * const connection = guardConnection(socket, config.limits)
 * connection.send(JSON.stringify(reading))
 */
export function guardConnection(socket: WebSocket, limits: ConnectionLimits): GuardedConnection {
  watch(socket, limits.pingIntervalMs)
  return new ConnectionGuard(socket, limits.maxBufferedBytes)
}

// A class rather than closures: one small object per connection, the methods shared.
class ConnectionGuard implements GuardedConnection {
  readonly #socket: WebSocket
  readonly #maxBufferedBytes: number

  constructor(socket: WebSocket, maxBufferedBytes: number) {
    this.#socket = socket
    this.#maxBufferedBytes = maxBufferedBytes
  }

  send(data: string | Buffer, options: { binary?: boolean } = {}, written?: (error?: Error) => void): boolean {
    const socket = this.#socket
    if (socket.readyState !== WebSocket.OPEN) return false
    // Encoded once here: `ws` then sends these bytes as they are, where a string would be measured
    // and encoded again. Callers sending one message to many sockets pass the same Buffer to each.
    const bytes = typeof data === 'string' ? Buffer.from(data) : data
    if (socket.bufferedAmount + bytes.length > this.#maxBufferedBytes) {
      socket.close(CloseCodes.TRY_LATER, closeReason(SLOW_READER_REASON))
      return false
    }
    socket.send(bytes, { binary: options.binary ?? typeof data !== 'string' }, written)
    return true
  }

  dispose(): void {
    unwatch.call(this.#socket)
  }
}
