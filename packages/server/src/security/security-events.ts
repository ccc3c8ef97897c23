import type { FastifyBaseLogger } from 'fastify'

/** The security events the server logs, by name. Each is one structured log line with `securityEvent` set. */
export const SecurityEvents = {
  LOGIN_SUCCEEDED: 'login_succeeded',
  LOGIN_FAILED: 'login_failed',
  LOGIN_THROTTLED: 'login_throttled',
  LOGIN_BUSY: 'login_busy',
  ORIGIN_REFUSED: 'origin_refused',
  HOST_REFUSED: 'host_refused',
  SESSION_REVOKED: 'session_revoked',
} as const

export type SecurityEvent = (typeof SecurityEvents)[keyof typeof SecurityEvents]

/** What an event may say: who, from where, why. Never a password, token, cookie or message content. */
export interface SecurityEventFields {
  username?: string
  ip?: string
  origin?: string
  host?: string
  url?: string
  reason?: string
  sessions?: number
  sockets?: number
}

// Successes are routine; refusals and revocations are what an operator watches for.
const LEVEL: Record<SecurityEvent, 'info' | 'warn'> = {
  login_succeeded: 'info',
  login_failed: 'warn',
  login_throttled: 'warn',
  login_busy: 'warn',
  origin_refused: 'warn',
  host_refused: 'warn',
  session_revoked: 'info',
}

/** Lines one event may log per minute; beyond, they are counted and the count is logged with the next line. */
export const SECURITY_EVENTS_PER_MINUTE = 100

const WINDOW_MS = 60_000
// Per event name (a handful), so the bound holds whoever floods: one window and one count each.
const windows = new Map<SecurityEvent, { start: number; logged: number; suppressed: number }>()

/**
 * Logs a security event as one structured line (`{"securityEvent":"login_failed","username":…}`), so a
 * log pipeline can count and alert on them. The fields are typed so that no secret can be passed. A
 * flood (a password spray, a scanner's foreign Hosts) must not flood the log too: each event logs at
 * most `SECURITY_EVENTS_PER_MINUTE` lines a minute, and the first line after that says how many
 * were left out (`suppressed`).
 *
 * @example
 * logSecurityEvent(request.log, SecurityEvents.LOGIN_FAILED, { username, ip: request.ip })
 */
export function logSecurityEvent(
  log: FastifyBaseLogger,
  event: SecurityEvent,
  fields: SecurityEventFields,
  now = Date.now(),
): void {
  let window = windows.get(event)
  if (!window || now - window.start >= WINDOW_MS) {
    window = { start: now, logged: 0, suppressed: window?.suppressed ?? 0 }
    windows.set(event, window)
  }
  if (window.logged >= SECURITY_EVENTS_PER_MINUTE) {
    window.suppressed++
    return
  }
  window.logged++
  const suppressed = window.suppressed > 0 ? { suppressed: window.suppressed } : {}
  window.suppressed = 0
  log[LEVEL[event]]({ securityEvent: event, ...fields, ...suppressed }, `security: ${event}`)
}
