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
  app.post('/api/studio/detect-protocol', async (request) => {
    const { url } = (request.body ?? {}) as { url?: unknown }
    if (typeof url !== 'string' || url.length > 4096) {
      throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Send { "url": "ws://…" }.', {
        details: [{ path: 'body.url', message: 'Expected the service URL (at most 4096 characters).' }],
      })
    }
    const local = request.raw.socket
    const self = local.localAddress && local.localPort ? { address: local.localAddress, port: local.localPort } : null
    return detectServiceProtocol(
      url,
      { allow: config.proxy.allow, allowSelf: config.proxy.allowSelf, allowPublic: config.proxy.allowPublic, self },
      { timeoutMs: config.proxy.connectTimeoutMs, maxPayload: config.limits.maxPayload },
    )
  })
}
