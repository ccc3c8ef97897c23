import { ErrorCodes, TetherError } from '../errors.js'
import type { ServiceProtocol } from '../protocols/names.js'

/** A frame as it goes on a bare WebSocket. */
export type OutgoingFrame = string | ArrayBufferLike | ArrayBufferView | Blob

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

/**
 * What `send` checks before a message is queued or written, by protocol: a bare WebSocket turns it into
 * its frame (so a message JSON cannot represent is refused at once) and has no channels; SSE cannot send;
 * the other protocols keep the value for their adapter to encode (Socket.IO sends objects as they are).
 * Throws SEND_FAILED.
 */
export function prepareOutgoing(protocol: ServiceProtocol, message: unknown, channel: string | undefined): unknown {
  if (protocol === 'sse') {
    throw new TetherError(
      ErrorCodes.SEND_FAILED,
      'An SSE service only receives; nothing can be sent on its connection (bind a POST body as RequestBody instead).',
    )
  }
  if (protocol !== 'websocket') return message
  if (channel !== undefined) {
    throw new TetherError(
      ErrorCodes.SEND_FAILED,
      `A plain WebSocket service has no channels; send without '${channel}', or give the service a protocol.`,
    )
  }
  return toFrame(message)
}
