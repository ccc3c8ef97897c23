/**
 * The close codes Tether's WebSocket endpoints use. 1000–1015 are the protocol's (RFC 6455); 4000–4999
 * are application codes, mirroring HTTP statuses so they read at a glance.
 */
export const CloseCodes = {
  NORMAL: 1000,
  /** The server is shutting down. */
  GOING_AWAY: 1001,
  /** The request broke a rule that has no more specific code (e.g. a malformed proxy URL). */
  POLICY: 1008,
  /** A message larger than the endpoint accepts. */
  TOO_BIG: 1009,
  /** The server failed (or the upstream service closed abnormally). */
  INTERNAL: 1011,
  /** The peer did not read fast enough (its outgoing buffer hit the cap); reconnect and resume. */
  TRY_LATER: 1013,
  /** The proxy could not reach the upstream service. */
  BAD_GATEWAY: 1014,
  /** No session: log in first. */
  NOT_AUTHENTICATED: 4401,
  /** Not allowed: foreign origin, impersonation, forbidden proxy target. */
  FORBIDDEN: 4403,
} as const

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
