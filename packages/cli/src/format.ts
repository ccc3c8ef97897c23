import { type BinaryPayloadDecoder, detectPayloadFormat, loadPayloadDecoder } from '@tether/core'

/** Bytes of a binary message shown as hex; the rest is counted, not printed. */
const MAX_HEX_BYTES = 256
/** Characters of a text message printed; long messages are cut with a note. */
const MAX_TEXT_CHARS = 4000

/** `14:03:07.125` in local time. */
export function formatTime(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
}

/** `512 B`, `1.5 KiB`, `2.0 MiB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** `00 01 02 ff …`, 16 bytes per line. */
export function formatHex(data: Buffer): string {
  const lines: string[] = []
  const shown = data.subarray(0, MAX_HEX_BYTES)
  for (let offset = 0; offset < shown.length; offset += 16) {
    const bytes = [...shown.subarray(offset, offset + 16)].map((b) => b.toString(16).padStart(2, '0'))
    lines.push(`${offset.toString(16).padStart(4, '0')}  ${bytes.join(' ')}`)
  }
  if (data.length > MAX_HEX_BYTES) lines.push(`… ${data.length - MAX_HEX_BYTES} more bytes`)
  return lines.join('\n')
}

/** Decoders for the binary formats `detectPayloadFormat` recognises (MessagePack, CBOR). */
export interface BinaryDecoders {
  msgpack: BinaryPayloadDecoder
  cbor: BinaryPayloadDecoder
}

/** Loads the MessagePack and CBOR decoders, so binary messages can be shown decoded. */
export async function loadBinaryDecoders(): Promise<BinaryDecoders> {
  const [msgpack, cbor] = await Promise.all([
    loadPayloadDecoder({ payloadFormat: 'msgpack' }),
    loadPayloadDecoder({ payloadFormat: 'cbor' }),
  ])
  return { msgpack, cbor } as BinaryDecoders
}

/**
 * A binary message decoded when its first bytes look like MessagePack or CBOR and it decodes as that,
 * else as hex. A guess: the header line says which format was used.
 */
export function formatBinary(data: Buffer, decoders?: BinaryDecoders): { kind: string; body: string } {
  const { format } = detectPayloadFormat(data)
  const decode = decoders !== undefined && (format === 'msgpack' || format === 'cbor') ? decoders[format] : undefined
  if (decode !== undefined) {
    try {
      return { kind: `binary, decoded as ${format}`, body: JSON.stringify(decode(data), null, 2) }
    } catch {
      // Not that format after all (or not JSON-printable): shown as hex.
    }
  }
  return { kind: 'binary', body: formatHex(data) }
}

/** The body of a text message: pretty-printed JSON when it parses, the text itself otherwise. */
export function formatText(text: string): { kind: 'JSON' | 'text'; body: string } {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null) return { kind: 'JSON', body: JSON.stringify(value, null, 2) }
  } catch {
    // Not JSON: shown as text.
  }
  const body =
    text.length > MAX_TEXT_CHARS
      ? `${text.slice(0, MAX_TEXT_CHARS)}… (${text.length - MAX_TEXT_CHARS} more characters)`
      : text
  return { kind: 'text', body }
}

/**
 * One received message for the terminal: a header line (time, size, kind) and the body indented below,
 * e.g. `14:03:07.125  27 B  JSON` then `  { "time": …`.
 */
export function formatMessage(data: Buffer, isBinary: boolean, receivedAt: Date, decoders?: BinaryDecoders): string {
  const { kind, body } = isBinary ? formatBinary(data, decoders) : formatText(data.toString('utf8'))
  const indented = body
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')
  return `${formatTime(receivedAt)}  ${formatSize(data.length)}  ${kind}\n${indented}\n`
}

/**
 * One message of a protocol service: a header line (time, channel, kind) and its decoded payload below,
 * e.g. `14:03:07.125  [tick]  JSON` then `  { "n": 1 }`. Text payloads are shown as text, bytes as hex.
 */
export function formatPayload(payload: unknown, channel: string | undefined, receivedAt: Date): string {
  let kind: string
  let body: string
  if (payload instanceof Uint8Array) {
    kind = 'binary'
    body = formatHex(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength))
  } else if (typeof payload === 'string') {
    ;({ kind, body } = formatText(payload))
  } else {
    kind = 'JSON'
    body = JSON.stringify(payload, null, 2) ?? String(payload)
  }
  const indented = body
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')
  return `${formatTime(receivedAt)}  [${channel ?? '-'}]  ${kind}\n${indented}\n`
}
