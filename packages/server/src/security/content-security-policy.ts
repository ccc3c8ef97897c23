import type { FastifyInstance } from 'fastify'

/**
 * The Content-Security-Policy of every HTML page the server sends (the apps, the studio, the landing
 * page). Scripts only from this server — the Vite bundles and the projects' page scripts under
 * `/apps/<name>/scripts/` — never inline, never from `eval` or `new Function`: a value that slipped
 * into a page as markup cannot run. Connections, images and styles stay open: apps talk to WebSocket
 * services and show pictures on other hosts, and widgets set inline styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "script-src 'self'",
  // MQTT's client keeps its keepalive timers in a worker it builds from a blob (so a background tab's
  // throttled timers do not drop the connection); a blob worker runs only code this origin's scripts made.
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ')

/** Adds the policy to HTML responses (only documents enforce it; scripts and JSON need none). */
export function installContentSecurityPolicy(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('content-type')
    if (typeof type === 'string' && type.startsWith('text/html'))
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY)
    return payload
  })
}
