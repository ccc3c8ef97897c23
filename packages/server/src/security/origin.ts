import type { FastifyRequest } from 'fastify'
import type { ServerConfig } from '../config.js'
import { logSecurityEvent, SecurityEvents } from './security-events.js'

/** The serialized origin (`scheme://host[:port]`) the header names, or null when it is not a plain web origin. */
function parseOrigin(header: string): URL | null {
  let url: URL
  try {
    url = new URL(header)
  } catch {
    return null // includes the opaque origin "null" (sandboxed frames, file://)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  // Browsers send exactly `scheme://host[:port]`; anything else (userinfo, a path, upper case, a
  // trailing slash) did not come from a browser's origin logic, so it is not trusted to be one.
  return url.origin === header ? url : null
}

/**
 * Whether the request's Origin may act on this server: no Origin header (a non-browser client,
 * which carries no ambient cookies to abuse), the server's own origin, or one listed in
 * `config.allowedOrigins`. Used for WebSocket upgrades (against cross-site WebSocket hijacking)
 * and state-changing API requests (against CSRF).
 *
 * Only http(s) origins in their exact serialized form count (no `ws://`, no userinfo). Same-origin
 * compares scheme, host and port with the request's: behind a TLS-terminating proxy set
 * `TRUST_PROXY`, so the request reads as https like the page that sent it.
 *
 * @example
 * if (!isAllowedOrigin(request, config)) socket.close(4403, 'origin not allowed')
 */
export function isAllowedOrigin(request: FastifyRequest, config: Pick<ServerConfig, 'allowedOrigins'>): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  const url = parseOrigin(origin)
  if (url === null) return false
  if (config.allowedOrigins.includes(url.origin)) return true
  return url.host === request.host && url.protocol === `${request.protocol}:`
}

/**
 * `isAllowedOrigin`, logging a refusal as the security event `origin_refused`. The check every route
 * uses, so that each refusal is logged once.
 *
 * @example
 * if (!checkOrigin(request, config)) throw forbidden('this origin may not call the API')
 */
export function checkOrigin(request: FastifyRequest, config: Pick<ServerConfig, 'allowedOrigins'>): boolean {
  if (isAllowedOrigin(request, config)) return true
  logSecurityEvent(request.log, SecurityEvents.ORIGIN_REFUSED, {
    origin: String(request.headers.origin).slice(0, 200),
    ip: request.ip,
    url: request.url.split('?')[0],
  })
  return false
}
