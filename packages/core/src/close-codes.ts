/**
 * The WebSocket close codes Tether's server sends and its clients interpret. 1000–1015 are the
 * protocol's (RFC 6455); 4000–4999 are application codes, mirroring HTTP statuses so they read at a
 * glance. The server imports them from here, so a client and the server cannot disagree on a code.
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
  /** The peer did not read fast enough, or the server is full; reconnect and resume. */
  TRY_LATER: 1013,
  /** The proxy could not reach the upstream service. */
  BAD_GATEWAY: 1014,
  /** No session: log in first. */
  NOT_AUTHENTICATED: 4401,
  /** Not allowed: foreign origin, impersonation, forbidden proxy target. */
  FORBIDDEN: 4403,
} as const

/** The server refused the connection (policy, not authenticated, forbidden): retrying cannot help. */
export const REFUSAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCodes.POLICY,
  CloseCodes.NOT_AUTHENTICATED,
  CloseCodes.FORBIDDEN,
])

/** Close codes a user may meet, in plain words (the studio and the CLI show them). */
const MEANINGS: Readonly<Record<number, string>> = {
  1000: 'normal closure',
  1001: 'going away: the service is shutting down or restarting',
  1002: 'protocol error',
  1003: 'the service does not accept this kind of data',
  1005: 'no code given',
  1006: 'closed abnormally, without a close frame',
  1007: 'a message was not valid for its type (e.g. bad UTF-8)',
  1008: 'policy violation',
  1009: 'a message was too big',
  1011: 'the service hit an internal error',
  1012: 'the service is restarting',
  1013: 'try again later: the service is overloaded',
  1014: 'bad gateway: the proxy could not reach the service',
  1015: 'TLS handshake failed',
  4401: 'not authenticated: log in first',
  4403: 'forbidden',
}

/**
 * What a close code means, in plain words; undefined for a code with no common meaning.
 *
 * @example
 * closeCodeMeaning(1008) // 'policy violation'
 */
export function closeCodeMeaning(code: number): string | undefined {
  return MEANINGS[code]
}
