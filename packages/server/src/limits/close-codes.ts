import { CloseCodes } from '@tether/core'

/** A close reason may hold at most 123 bytes of UTF-8 (the control frame limit minus the code). */
const MAX_REASON_BYTES = 123

/** Shortens a close reason to what the protocol allows, never splitting a character. */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= MAX_REASON_BYTES) return text
  let result = ''
  for (const char of text) {
    if (Buffer.byteLength(`${result}${char}…`) > MAX_REASON_BYTES) break
    result += char
  }
  return `${result}…`
}

/**
 * The code to send on when relaying a close received from the other side. 1005 (no code) and 1006
 * (abnormal, no close frame) are only ever reported locally and must not be sent: they become 1000 and
 * 1011. 1015 (TLS failure) and anything outside the sendable ranges become 1011 too.
 */
export function forwardableCloseCode(code: number): number {
  if (code === 1005) return CloseCodes.NORMAL
  const sendable = (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1006) || (code >= 3000 && code <= 4999)
  return sendable ? code : CloseCodes.INTERNAL
}
