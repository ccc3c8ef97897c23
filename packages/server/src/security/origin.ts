import type { FastifyRequest } from 'fastify'
import type { ServerConfig } from '../config.js'

/**
 * Whether the request's Origin may act on this server: no Origin header (a non-browser client,
 * which carries no ambient cookies to abuse), the server's own origin, or one listed in
 * `config.allowedOrigins`. Used for WebSocket upgrades (against cross-site WebSocket hijacking)
 * and state-changing API requests (against CSRF).
 *
 * Same-origin compares the host and port with the request's Host. The scheme is compared only
 * when `trustProxy` is on, because behind a TLS-terminating proxy the server itself sees http.
 *
 * @example
 * if (!isAllowedOrigin(request, config)) socket.close(4403, 'origin not allowed')
 */
export function isAllowedOrigin(
  request: FastifyRequest,
  config: Pick<ServerConfig, 'allowedOrigins' | 'trustProxy'>,
): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false // includes the opaque origin "null" (sandboxed frames, file://)
  }
  if (config.allowedOrigins.includes(url.origin)) return true
  if (url.host !== request.host) return false
  return !config.trustProxy || url.protocol === `${request.protocol}:`
}
