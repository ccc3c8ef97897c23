import { FrameImpl, type IRawFrameType, Parser } from '@stomp/stompjs'
import { ApiErrorCodes } from '../errors/index.js'
import { CloseCodes } from '../limits/index.js'
import type { ServiceCredentials } from '../studio/index.js'
import type { ProtocolHandshake } from './protocol-handshake.js'
import { ProxyRefusal } from './proxy-refusal.js'

const protocolError = (message: string) => new ProxyRefusal(CloseCodes.POLICY, ApiErrorCodes.PROTOCOL_ERROR, message)

/** A @stomp/stompjs parser that collects complete frames into `frames` (heart-beat line ends are skipped). */
function frameParser(frames: IRawFrameType[]): Parser {
  return new Parser(
    (frame) => frames.push(frame),
    () => {},
  )
}

/** The parser takes an ArrayBuffer; a Buffer may be a view into a larger shared one. */
const arrayBufferOf = (data: Buffer): ArrayBuffer => Uint8Array.from(data).buffer

/** The first value of each header, in order (STOMP: a repeated header's first value counts). */
function headerObject(headers: [string, string][]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of headers) if (!Object.hasOwn(result, name)) result[name] = value
  return result
}

/**
 * STOMP's opening exchange: the browser's first message must be exactly one CONNECT (or STOMP) frame,
 * as every STOMP-over-WebSocket client sends it; the stored username and password become its `login`
 * and `passcode` headers, replacing any the browser sent. CONNECT frames are never escaped (STOMP 1.2),
 * which is why stored credentials are single-line. An ERROR frame instead of CONNECTED is relayed, then
 * the browser's socket closes with 4401 TETHER_AUTH_FAILED and the broker's message, so a client does not
 * retry a login that cannot succeed.
 */
export function stompHandshake(credentials: ServiceCredentials): ProtocolHandshake {
  const upstreamFrames: IRawFrameType[] = []
  const upstreamParser = frameParser(upstreamFrames)
  return {
    fromClient(data) {
      const frames: IRawFrameType[] = []
      frameParser(frames).parseChunk(arrayBufferOf(data))
      const [connect] = frames
      // Only heart-beat line ends may follow the frame's closing NUL: anything else is a second frame.
      const trailing = data.subarray(data.lastIndexOf(0) + 1).every((byte) => byte === 10 || byte === 13)
      if (
        frames.length !== 1 ||
        !connect ||
        (connect.command !== 'CONNECT' && connect.command !== 'STOMP') ||
        !trailing
      ) {
        throw protocolError('the first message to a STOMP service must be one CONNECT frame')
      }
      const headers = headerObject(connect.headers)
      if (credentials.username !== undefined) headers.login = credentials.username
      if (credentials.password !== undefined) headers.passcode = credentials.password
      const marshalled = FrameImpl.marshall({
        command: connect.command,
        headers,
        body: new TextDecoder().decode(connect.binaryBody),
        escapeHeaderValues: false,
        skipContentLengthHeader: true,
      })
      return { send: [Buffer.from(marshalled as string)], done: true }
    },
    fromUpstream(data) {
      upstreamParser.parseChunk(arrayBufferOf(data))
      const [first] = upstreamFrames
      if (!first) return { send: [data], done: false }
      if (first.command !== 'ERROR') return { send: [data], done: true }
      const why = headerObject(first.headers).message ?? 'no reason given'
      const refusal = new ProxyRefusal(
        CloseCodes.NOT_AUTHENTICATED,
        ApiErrorCodes.AUTH_FAILED,
        `the STOMP service refused the connection: ${why}`,
      )
      return { send: [data], done: true, refusal }
    },
  }
}
