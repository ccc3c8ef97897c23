import type { PayloadFormat } from './format.js'

/** What the first bytes of a message suggest, and why (for the import wizard and `tether test`). */
export interface PayloadFormatSuggestion {
  /** undefined when nothing is recognised (plain text, Protocol Buffers, an array or a scalar at the top). */
  format: PayloadFormat | undefined
  reason: string
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
/** CBOR major type 3 (text string): how a CBOR map's first key usually starts. */
const isCborText = (byte: number | undefined) => byte !== undefined && byte >= 0x60 && byte <= 0x7b
/** MessagePack fixstr, str8/16/32: how a MessagePack map's first key usually starts. */
const isMsgpackString = (byte: number | undefined) =>
  byte !== undefined && ((byte >= 0xa0 && byte <= 0xbf) || byte === 0xd9 || byte === 0xda || byte === 0xdb)

/**
 * Guesses a message's payload format from its first bytes; never throws. JSON starts with `{` or `[`;
 * a CBOR map with 0xA0–0xBB or 0xBF (or the self-describe tag D9 D9 F7); a MessagePack map with
 * 0x80–0x8F, 0xDE or 0xDF. The two binary ranges overlap (a CBOR array is 0x80–0x9F, a MessagePack
 * string 0xA0–0xBF), so the first key's type decides: a map's key is nearly always a string. Protocol
 * Buffers carry no marker: they are never suggested.
 *
 * @example
 * detectPayloadFormat(new Uint8Array([0x81, 0xa1, 0x6e, 0x01])).format // 'msgpack' ({ n: 1 })
 */
export function detectPayloadFormat(message: Uint8Array | string): PayloadFormatSuggestion {
  if (typeof message === 'string') {
    const first = message.trimStart()[0]
    return first === '{' || first === '['
      ? { format: 'json', reason: `Text starting with '${first}': JSON.` }
      : { format: undefined, reason: 'Text that does not start with { or [.' }
  }
  let index = 0
  while (isSpace(message[index])) index++
  const first = message[index]
  const second = message[index + 1]
  if (first === undefined) return { format: undefined, reason: 'An empty message.' }
  if (first === 0x7b || first === 0x5b)
    return { format: 'json', reason: `Starts with '${String.fromCharCode(first)}': JSON.` }
  const hex = `0x${first.toString(16).padStart(2, '0')}`
  if (first === 0xd9 && second === 0xd9 && message[index + 2] === 0xf7)
    return { format: 'cbor', reason: 'Starts with the CBOR self-describe tag (D9 D9 F7).' }
  const cborMap = (first >= 0xa0 && first <= 0xbb) || first === 0xbf
  const msgpackMap = (first >= 0x80 && first <= 0x8f) || first === 0xde || first === 0xdf
  // A map header's length bytes come first for the longer forms; the key follows them.
  const keyAt =
    index + 1 + (first === 0xb8 ? 1 : first === 0xb9 || first === 0xde ? 2 : first === 0xba || first === 0xdf ? 4 : 0)
  const key = message[keyAt]
  if (cborMap && (isCborText(key) || first === 0xa0))
    return { format: 'cbor', reason: `Starts with ${hex}, a CBOR map whose first key is a text string.` }
  if (msgpackMap && (isMsgpackString(key) || first === 0x80))
    return { format: 'msgpack', reason: `Starts with ${hex}, a MessagePack map whose first key is a string.` }
  if (cborMap) return { format: 'cbor', reason: `Starts with ${hex}, a CBOR map header.` }
  if (msgpackMap) return { format: 'msgpack', reason: `Starts with ${hex}, a MessagePack map header.` }
  return {
    format: undefined,
    reason: `Starts with ${hex}: no JSON, CBOR map or MessagePack map (Protocol Buffers has no marker).`,
  }
}
