import { ErrorCodes, TetherError } from '../errors.js'
import type { PayloadFormat } from '../payload/format.js'
import { parseMessage } from './parse-message.js'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * A broker payload (bytes on the wire, whatever they hold) as data: valid UTF-8 goes through
 * `parseMessage` (JSON, XML, else the text); anything else stays bytes (`Uint8Array`). For a binary
 * `format` the bytes stay bytes: the variable decodes them (MessagePack text may well be valid UTF-8).
 */
export function decodePayload(bytes: Uint8Array, format: PayloadFormat = 'json'): unknown {
  if (format !== 'json') return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
  return parseMessage(text)
}

/**
 * A message as a broker body: text and bytes as they are, anything else as JSON. Throws SEND_FAILED for
 * what JSON cannot represent.
 */
export function encodeBody(message: unknown): { text: string; json: boolean } | { bytes: Uint8Array } {
  if (typeof message === 'string') return { text: message, json: false }
  if (message instanceof ArrayBuffer) return { bytes: new Uint8Array(message) }
  if (ArrayBuffer.isView(message))
    return { bytes: new Uint8Array(message.buffer, message.byteOffset, message.byteLength) }
  let text: string | undefined
  try {
    text = JSON.stringify(message)
  } catch (cause) {
    throw new TetherError(ErrorCodes.SEND_FAILED, `The message could not be turned into JSON (${String(cause)}).`, {
      cause,
    })
  }
  if (text === undefined) throw new TetherError(ErrorCodes.SEND_FAILED, `A ${typeof message} cannot be sent.`)
  return { text, json: true }
}
