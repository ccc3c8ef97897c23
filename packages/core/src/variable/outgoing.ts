import { ErrorCodes, TetherError } from '../errors.js'
import type { OutgoingFrame } from './sendQueue.js'

const isBinary = (value: unknown): value is ArrayBufferLike | ArrayBufferView | Blob =>
  value instanceof ArrayBuffer || ArrayBuffer.isView(value) || (typeof Blob !== 'undefined' && value instanceof Blob)

/**
 * The frame for a message: strings and binary data as they are, anything else as JSON (so `0`, `false`
 * and `null` are sent as `0`, `false`, `null`). Throws SEND_FAILED for what JSON cannot represent.
 */
export function toFrame(message: unknown): OutgoingFrame {
  if (typeof message === 'string') return message
  if (isBinary(message)) return message
  let text: string | undefined
  try {
    text = JSON.stringify(message)
  } catch (cause) {
    throw new TetherError(
      ErrorCodes.SEND_FAILED,
      `The message could not be turned into JSON (${String(cause)}); send a string or plain data.`,
      { cause },
    )
  }
  if (text === undefined) {
    throw new TetherError(
      ErrorCodes.SEND_FAILED,
      `A ${typeof message} cannot be sent; send a string, binary data or plain data.`,
    )
  }
  return text
}

/** A coded error for anything thrown, keeping TetherErrors as they are. */
export function asTetherError(cause: unknown, code: TetherError['code'], message: string): TetherError {
  if (cause instanceof TetherError) return cause
  return new TetherError(code, `${message}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
}
