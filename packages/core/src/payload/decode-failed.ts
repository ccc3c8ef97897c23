import { ErrorCodes, TetherError } from '../errors.js'
import type { BinaryPayloadFormat } from './format.js'

/** How many leading bytes an error shows in hex: enough to recognise a format, short enough for a log line. */
export const HEX_PREVIEW_BYTES = 32

/** `83 a1 6e 01 …` — the first bytes in hex, with an ellipsis when there are more. */
export function hexPreview(bytes: Uint8Array, limit = HEX_PREVIEW_BYTES): string {
  const shown = Array.from(bytes.subarray(0, limit), (byte) => byte.toString(16).padStart(2, '0')).join(' ')
  return bytes.length > limit ? `${shown} …` : shown
}

/**
 * A message that could not be decoded as its service's payload format. Reported through the variable's
 * `onError` (and `status.lastError`); the message is not lost: `bytes` holds it exactly as received.
 */
export class PayloadDecodeError extends TetherError {
  readonly format: BinaryPayloadFormat
  /** The message as it arrived. */
  readonly bytes: Uint8Array

  constructor(format: BinaryPayloadFormat, bytes: Uint8Array, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    const preview = hexPreview(bytes)
    super(
      ErrorCodes.DECODE_FAILED,
      `A ${bytes.length}-byte message is not valid ${format} (${reason}); it starts with ${preview || '(empty)'}. Check the service's payloadFormat.`,
      { cause, details: [{ path: 'payload', message: `${bytes.length} bytes: ${preview}` }] },
    )
    this.format = format
    this.bytes = bytes
  }
}
