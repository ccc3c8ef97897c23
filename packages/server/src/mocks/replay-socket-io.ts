import { randomBytes } from 'node:crypto'
import { decodePacket, type Packet as EnginePacket, encodePacket } from 'engine.io-parser'
import { Encoder, PacketType } from 'socket.io-parser'
import type { WebSocket } from 'ws'
import type { GuardedConnection } from '../limits/index.js'
import { CloseCodes } from '../limits/index.js'
import { type ReplayOptions, replayMessages } from './mock-replay.js'
import type { MockMessage, MockSession } from './mock-session.js'

/** Engine.IO's defaults (socket.io 4): the server pings every 25 s; a client silent 20 s longer is gone. */
const PING_INTERVAL_MS = 25_000
const PING_TIMEOUT_MS = 20_000
/** The largest packet this replay accepts from a client (it only expects CONNECT, pong and close). */
const MAX_CLIENT_PAYLOAD = 64 * 1024

/** A recorded Socket.IO message's arguments: its JSON value, its text when it is not JSON, or its bytes. */
function argumentOf(message: MockMessage): unknown {
  if (message.binary) return Buffer.from(message.data, 'base64')
  try {
    return JSON.parse(message.data)
  } catch {
    return message.data
  }
}

/**
 * Replays a recorded Socket.IO session as a Socket.IO 4 server over the WebSocket transport: the
 * Engine.IO open packet and its pings, then, once the client joins a namespace (CONNECT, any namespace,
 * any auth), each recorded message emitted as its event in that namespace with its recorded timing.
 * Speaks the wire format through the maintained `engine.io-parser` and `socket.io-parser` (the codecs the
 * `socket.io` server itself uses): the `socket.io` server needs to own the HTTP upgrade, and this route's
 * upgrade has already gone through the server's checks and limits.
 */
export function replaySocketIo(
  socket: WebSocket,
  connection: GuardedConnection,
  session: MockSession,
  options: ReplayOptions,
): void {
  const sid = randomBytes(15).toString('base64url')
  const encoder = new Encoder()
  const write = (packet: EnginePacket) =>
    encodePacket(packet, true, (data) => connection.send(data as string | Buffer, { binary: typeof data !== 'string' }))
  const emit = (namespace: string, type: PacketType, data?: unknown) => {
    for (const part of encoder.encode({ type, nsp: namespace, data })) write({ type: 'message', data: part })
  }

  let stop: (() => void) | undefined
  let pingTimer: NodeJS.Timeout | undefined
  let pongTimer: NodeJS.Timeout | undefined
  const end = (code: number, reason: string) => {
    stop?.()
    clearTimeout(pingTimer)
    clearTimeout(pongTimer)
    if (socket.readyState === socket.OPEN) socket.close(code, reason)
  }
  const ping = () => {
    write({ type: 'ping' })
    pongTimer = setTimeout(() => end(CloseCodes.NORMAL, 'ping timeout'), PING_TIMEOUT_MS)
  }
  pingTimer = setTimeout(ping, PING_INTERVAL_MS)
  socket.once('close', () => end(CloseCodes.NORMAL, ''))

  socket.on('message', (raw, isBinary) => {
    if (isBinary || (raw as Buffer).length > MAX_CLIENT_PAYLOAD) return
    const packet = decodePacket(String(raw))
    if (packet.type === 'pong') {
      clearTimeout(pongTimer)
      pingTimer = setTimeout(ping, PING_INTERVAL_MS)
    } else if (packet.type === 'close') {
      end(CloseCodes.NORMAL, 'client closed')
    } else if (packet.type === 'message' && stop === undefined) {
      // `0` CONNECT, `0/admin,` or `0/admin,{auth}`: join that namespace and start the replay.
      const text = String(packet.data ?? '')
      if (!text.startsWith('0')) return
      const namespace = text.startsWith('0/') ? text.slice(1, (text.indexOf(',') + 1 || text.length + 1) - 1) : '/'
      emit(namespace, PacketType.CONNECT, { sid })
      stop = replayMessages(session.messages, options, {
        send: (message) => emit(namespace, PacketType.EVENT, [message.channel, argumentOf(message)]),
        end: () => {
          emit(namespace, PacketType.DISCONNECT)
          end(CloseCodes.NORMAL, 'end of the recording')
        },
      })
    }
  })

  write({
    type: 'open',
    data: JSON.stringify({
      sid,
      upgrades: [],
      pingInterval: PING_INTERVAL_MS,
      pingTimeout: PING_TIMEOUT_MS,
      maxPayload: MAX_CLIENT_PAYLOAD,
    }),
  })
}
