import type { LiveMessage } from './message-log.js'

/** Bytes shown as hex before the rest is elided, so a large binary frame cannot flood the list. */
export const HEX_PREVIEW_BYTES = 256

/** `[0x0a, 0xff]` → `0a ff`; longer input is cut at `limit` bytes with `… (N bytes)` appended. */
export function toHex(bytes: Uint8Array, limit = HEX_PREVIEW_BYTES): string {
  const shown = Array.from(bytes.subarray(0, limit), (b) => b.toString(16).padStart(2, '0')).join(' ')
  return bytes.length > limit ? `${shown} … (${bytes.length} bytes)` : shown
}

/** 512 → `512 B`, 2048 → `2.0 kB`, 3 MB → `3.0 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** `14:03:07.250` in local time: messages often arrive several per second. */
export function formatTime(epochMs: number): string {
  const d = new Date(epochMs)
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** The parsed JSON of a text message, or `undefined` when it is not JSON. */
export function parseJsonMessage(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The names the list gives binary formats. */
export const FORMAT_LABELS = { msgpack: 'MessagePack', cbor: 'CBOR', protobuf: 'Protocol Buffers' } as const

/**
 * What the list shows: pretty-printed JSON, the text as is, binary as hex — or, for decoded binary, the
 * JSON it decoded to (`kind` is the format); a decode failure shows its coded error above the hex.
 */
export function displayMessage(message: Pick<LiveMessage, 'text' | 'bytes' | 'decoded'>): {
  kind: 'json' | 'text' | 'binary' | 'msgpack' | 'cbor' | 'protobuf'
  body: string
  error?: string
} {
  const decoded = message.decoded
  if (decoded && 'value' in decoded) {
    return { kind: decoded.format, body: JSON.stringify(decoded.value, jsonSafe, 2) ?? String(decoded.value) }
  }
  if (message.bytes) {
    const shown = { kind: 'binary' as const, body: toHex(message.bytes) }
    return decoded ? { ...shown, error: `${decoded.error.code}: ${decoded.error.message}` } : shown
  }
  const text = message.text ?? ''
  const json = parseJsonMessage(text)
  if (json !== undefined && typeof json === 'object' && json !== null) {
    return { kind: 'json', body: JSON.stringify(json, null, 2) }
  }
  return { kind: 'text', body: text }
}

/** Decoded binary may hold what JSON cannot write: big integers as text, bytes as their numbers. */
function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return Array.from(value)
  return value
}

/**
 * A message as a schema sample: decoded binary as its value, JSON when it parses, the text otherwise;
 * binary that was not decoded has none.
 */
export function messageSample(
  message: Pick<LiveMessage, 'text' | 'bytes' | 'decoded'>,
): { ok: true; value: unknown } | { ok: false } {
  const decoded = message.decoded
  if (decoded && 'value' in decoded) {
    // A sample is saved as JSON: what JSON cannot hold is written as jsonSafe writes it.
    const json = JSON.stringify(decoded.value, jsonSafe)
    return { ok: true, value: json === undefined ? null : JSON.parse(json) }
  }
  if (message.text === null) return { ok: false }
  const json = parseJsonMessage(message.text)
  return { ok: true, value: json === undefined ? message.text : json }
}

/** Standard base64 of bytes (for binary frames in a mock file). */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary)
}
