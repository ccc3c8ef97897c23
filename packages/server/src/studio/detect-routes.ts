import type { FastifyPluginAsync } from 'fastify'
import type { ServerConfig } from '../config.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { detectServiceProtocol } from './detect-protocol.js'

/**
 * `POST /api/studio/detect-protocol {url}` → `{ protocol, protocolOptions?, reason }`: what a service
 * speaks (null when nothing told), for the import wizard's protocol choice. Tried from the server under
 * the proxy's rules, with probe handshakes only.
 */
export const detectRoutes: FastifyPluginAsync<{ config: ServerConfig }> = async (app, { config }) => {
  // Detections in flight stop when the server shuts down: a probe waiting on a service that is going
  // away (the server's own demo services included) would otherwise hold the shutdown open.
  const running = new Set<AbortController>()
  app.addHook('preClose', async () => {
    for (const detection of running) detection.abort()
  })
  app.post('/api/studio/detect-protocol', async (request, reply) => {
    const { url } = (request.body ?? {}) as { url?: unknown }
    if (typeof url !== 'string' || url.length > 4096) {
      throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Send { "url": "ws://…" }.', {
        details: [{ path: 'body.url', message: 'Expected the service URL (at most 4096 characters).' }],
      })
    }
    const local = request.raw.socket
    const self = local.localAddress && local.localPort ? { address: local.localAddress, port: local.localPort } : null
    // The studio asks again for every URL it is given; one the user has moved on from stops here.
    const detection = new AbortController()
    // The response closes before it was sent only when the asker left (the request's own 'close' fires
    // as soon as its body has been read).
    const left = () => detection.abort()
    reply.raw.once('close', left)
    running.add(detection)
    try {
      return await detectServiceProtocol(
        url,
        { allow: config.proxy.allow, allowSelf: config.proxy.allowSelf, allowPublic: config.proxy.allowPublic, self },
        { timeoutMs: config.proxy.connectTimeoutMs, maxPayload: config.limits.maxPayload, signal: detection.signal },
      )
    } finally {
      running.delete(detection)
      reply.raw.off('close', left)
    }
  })
}
