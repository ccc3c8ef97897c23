import mqttPacket, { type IConnackPacket, type IConnectPacket, type Packet } from 'mqtt-packet'
import { ApiErrorCodes } from '../errors/index.js'
import { CloseCodes } from '../limits/index.js'
import type { ServiceCredentials } from '../studio/index.js'
import type { ProtocolHandshake } from './protocol-handshake.js'
import { ProxyRefusal } from './proxy-refusal.js'

/** CONNACK codes that mean the login was refused: 3.1.1 return codes 4, 5; MQTT 5 reason codes 0x86, 0x87, 0x8C. */
const LOGIN_REFUSED = new Set([4, 5, 0x86, 0x87, 0x8c])

/** Bytes of a whole packet: the type byte, the variable-length "remaining length", the rest. */
function packetSize(remaining: number): number {
  let lengthBytes = 1
  while (remaining >= 128 ** lengthBytes) lengthBytes++
  return 1 + lengthBytes + remaining
}

/**
 * The first packet in a byte stream, decoded by mqtt-packet, with the bytes read so far. A packet may
 * span WebSocket messages (MQTT over WebSocket allows it), so bytes are kept until it is complete.
 */
function firstPacketReader(options: { protocolVersion?: number }) {
  const parser = mqttPacket.parser(options)
  const chunks: Buffer[] = []
  let first: Packet | null = null
  let error: Error | null = null
  parser.on('packet', (packet) => {
    first ??= packet
  })
  parser.on('error', (reason: Error) => {
    error ??= reason
  })
  return {
    read(data: Buffer): { packet: Packet | null; bytes: Buffer; error: Error | null } {
      chunks.push(data)
      if (first === null && error === null) parser.parse(data)
      return { packet: first, bytes: Buffer.concat(chunks), error }
    },
  }
}

/**
 * MQTT's opening exchange: the browser's first packet must be CONNECT; the stored username and
 * password replace any the browser set, and the packet is encoded again by mqtt-packet (bytes after it
 * are relayed as they came). A CONNACK refusing the login is relayed, then the browser's socket closes
 * with 4401 TETHER_AUTH_FAILED, so a client does not retry a login that cannot succeed.
 */
export function mqttHandshake(credentials: ServiceCredentials, maxBytes: number): ProtocolHandshake {
  const fromBrowser = firstPacketReader({})
  let upstream: ReturnType<typeof firstPacketReader> | null = null
  const protocolError = (message: string) => new ProxyRefusal(CloseCodes.POLICY, ApiErrorCodes.PROTOCOL_ERROR, message)
  return {
    fromClient(data) {
      const { packet, bytes, error } = fromBrowser.read(data)
      if (error !== null || (packet !== null && packet.cmd !== 'connect')) {
        throw protocolError('the first packet to an MQTT service must be CONNECT')
      }
      if (packet === null) {
        if (bytes.length > maxBytes) throw protocolError(`the CONNECT packet is larger than ${maxBytes} bytes`)
        return { send: [], done: false }
      }
      const connect: IConnectPacket = { ...packet }
      if (credentials.username !== undefined) connect.username = credentials.username
      if (credentials.password !== undefined) connect.password = Buffer.from(credentials.password)
      upstream = firstPacketReader({ protocolVersion: connect.protocolVersion ?? 4 })
      const rest = bytes.subarray(packetSize(packet.length ?? 0))
      return {
        send: rest.length > 0 ? [mqttPacket.generate(connect), rest] : [mqttPacket.generate(connect)],
        done: true,
      }
    },
    fromUpstream(data) {
      upstream ??= firstPacketReader({})
      const { packet } = upstream.read(data)
      if (packet === null) return { send: [data], done: false }
      const connack = packet.cmd === 'connack' ? (packet as IConnackPacket) : null
      const code = connack?.reasonCode ?? connack?.returnCode ?? 0
      if (!LOGIN_REFUSED.has(code)) return { send: [data], done: true }
      const refusal = new ProxyRefusal(
        CloseCodes.NOT_AUTHENTICATED,
        ApiErrorCodes.AUTH_FAILED,
        `the MQTT service refused the login (CONNACK code ${code})`,
      )
      return { send: [data], done: true, refusal }
    },
  }
}
