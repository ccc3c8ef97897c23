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

/**
 * Logs a security event as one structured line (`{"securityEvent":"login_failed","username":…}`), so a
 * log pipeline can count and alert on them. The fields are typed so that no secret can be passed.
 *
 * @example
 * logSecurityEvent(request.log, SecurityEvents.LOGIN_FAILED, { username, ip: request.ip })
 */
export function logSecurityEvent(log: FastifyBaseLogger, event: SecurityEvent, fields: SecurityEventFields): void {
  log[LEVEL[event]]({ securityEvent: event, ...fields }, `security: ${event}`)
}
