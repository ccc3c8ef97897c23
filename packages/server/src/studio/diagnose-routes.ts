import type { FastifyPluginAsync } from 'fastify'
import type { ServerConfig } from '../config.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { diagnoseConnection } from './diagnose-connection.js'

/**
 * `POST /api/studio/diagnose {url, protocols?}`: the studio's test connection failed in the browser,
 * which hides why; the server tries the same URL under the proxy's rules and says what happened.
 */
export const diagnoseRoutes: FastifyPluginAsync<{ config: ServerConfig }> = async (app, { config }) => {
  app.post('/api/studio/diagnose', async (request) => {
    const { url, protocols } = (request.body ?? {}) as { url?: unknown; protocols?: unknown }
    const protocolList = Array.isArray(protocols) ? protocols.filter((p): p is string => typeof p === 'string') : []
    if (typeof url !== 'string' || url.length > 4096) {
      throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Send { "url": "ws://…" }.', {
        details: [{ path: 'body.url', message: 'Expected the WebSocket URL that failed (at most 4096 characters).' }],
      })
    }
    const local = request.raw.socket
    const self = local.localAddress && local.localPort ? { address: local.localAddress, port: local.localPort } : null
    return diagnoseConnection(
      url,
      { allow: config.proxy.allow, allowSelf: config.proxy.allowSelf, allowPublic: config.proxy.allowPublic, self },
      { protocols: protocolList, timeoutMs: config.proxy.connectTimeoutMs },
    )
  })
}
