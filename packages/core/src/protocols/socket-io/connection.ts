import { decodePacket, type Packet as EnginePacket, encodePacket } from 'engine.io-parser'
import { Decoder, Encoder, type Packet, PacketType } from 'socket.io-parser'
import { ErrorCodes, TetherError } from '../../errors.js'
import type { ConnectContext, ProtocolConnection, ProtocolEvents, ProtocolFailure } from '../adapter.js'
import { closeInfoOf, createSocket, OPEN } from '../socket.js'
import type { SocketIoSession } from './session.js'

/** The event `send(message)` emits when no channel is given (what `socket.send()` emits in Socket.IO). */
const DEFAULT_EVENT = 'message'
/** Binary attachments one packet may announce (socket.io-parser's bound on a half-received packet). */
const MAX_ATTACHMENTS = 10

/** The Engine.IO handshake: the server's ping rhythm, after which a silent server is presumed dead. */
interface Handshake {
  pingInterval?: number
  pingTimeout?: number
}

/**
 * One Socket.IO connection over a WebSocket: Engine.IO packets (open, ping → pong, message) and, inside
 * the messages, Socket.IO packets for the namespace (CONNECT with auth, EVENT, CONNECT_ERROR,
 * DISCONNECT). Both codecs are the maintained `engine.io-parser` and `socket.io-parser`.
 */
export function connectSocketIo(
  session: SocketIoSession,
  context: ConnectContext,
  events: ProtocolEvents,
): ProtocolConnection {
  const socket = createSocket(context.WebSocket, context.url, session.subprotocols)
  const decoder = new Decoder({ maxAttachments: MAX_ATTACHMENTS })
  const encoder = new Encoder()
  let joined = false
  let ended = false
  let failure: ProtocolFailure | undefined
  let pingTimer: ReturnType<typeof setTimeout> | undefined
  let pingWindowMs = 0

  const write = (packet: EnginePacket) => encodePacket(packet, true, (encoded) => socket.send(encoded))
  const writeSocketIo = (packet: Packet) => {
    for (const part of encoder.encode(packet)) write({ type: 'message', data: part })
  }

  /** Ends the connection for a reason the protocol gave; `closed` reports it when the socket is gone. */
  const fail = (error: TetherError, retryable: boolean) => {
    failure ??= { error, retryable }
    socket.close(1000, error.code)
  }

  // A server that stops pinging is gone (Engine.IO 4: the server pings, the client only answers).
  const expectPing = () => {
    if (pingWindowMs <= 0) return
    clearTimeout(pingTimer)
    pingTimer = setTimeout(() => {
      failure ??= {
        error: new TetherError(ErrorCodes.CONNECTION_LOST, `No ping from ${context.url} for ${pingWindowMs} ms.`),
        retryable: true,
      }
      if (socket.terminate) socket.terminate()
      else socket.close(1000, 'ping timeout')
    }, pingWindowMs)
  }

  decoder.on('decoded', (packet: Packet) => {
    if (packet.nsp !== session.namespace) return
    switch (packet.type) {
      case PacketType.CONNECT:
        joined = true
        session.joined(packet.data)
        events.opened(packet)
        return
      case PacketType.CONNECT_ERROR:
        fail(...session.refused(packet.data))
        return
      case PacketType.EVENT:
      case PacketType.BINARY_EVENT: {
        const message = session.event(packet.data)
        if (message === undefined) events.alive()
        else events.received(message.payload, message.channel, packet)
        return
      }
      case PacketType.DISCONNECT:
        fail(new TetherError(ErrorCodes.CONNECTION_LOST, `The server disconnected ${session.namespace}.`), false)
        return
      default:
        events.alive() // acks: Tether's sends ask for none
    }
  })

  socket.onopen = () => {} // Engine.IO's open packet, not the socket's, starts the protocol.
  socket.onmessage = (event: { data?: unknown }) => {
    const packet = decodePacket(event.data as string | ArrayBuffer, 'arraybuffer')
    expectPing()
    switch (packet.type) {
      case 'open': {
        const handshake = JSON.parse(String(packet.data)) as Handshake
        pingWindowMs = (handshake.pingInterval ?? 0) + (handshake.pingTimeout ?? 0)
        expectPing()
        writeSocketIo({ type: PacketType.CONNECT, nsp: session.namespace, data: session.connectData() })
        events.alive()
        return
      }
      case 'ping':
        write({ type: 'pong' })
        events.alive()
        return
      case 'message':
        try {
          decoder.add(packet.data)
        } catch (cause) {
          const reason = cause instanceof Error ? cause.message : String(cause)
          events.problem(
            new TetherError(ErrorCodes.PROTOCOL_ERROR, `A malformed Socket.IO packet was skipped: ${reason}.`),
          )
        }
        return
      case 'close':
        socket.close(1000, 'closed by the server')
        return
      case 'error':
        fail(new TetherError(ErrorCodes.PROTOCOL_ERROR, `${context.url} sent a frame that is not Engine.IO.`), true)
        return
      default:
        events.alive()
    }
  }
  socket.onerror = () => {}
  socket.onclose = (event) => {
    if (ended) return
    ended = true
    clearTimeout(pingTimer)
    decoder.destroy()
    events.closed(closeInfoOf(event), failure)
  }

  return {
    get writable() {
      return joined && socket.readyState === OPEN
    },
    send(message, channel) {
      writeSocketIo({ type: PacketType.EVENT, nsp: session.namespace, data: [channel ?? DEFAULT_EVENT, message] })
    },
    close(reason) {
      if (joined && socket.readyState === OPEN) writeSocketIo({ type: PacketType.DISCONNECT, nsp: session.namespace })
      socket.close(1000, reason)
    },
    terminate() {
      if (socket.terminate) socket.terminate()
      else socket.close(1000, 'terminated')
    },
  }
}
