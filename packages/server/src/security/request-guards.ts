import type { FastifyInstance } from 'fastify'
import type { ServerConfig } from '../config.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { checkOrigin } from './origin.js'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH'])

/**
 * CSRF protection for the JSON API. Every state-changing request, whatever its path, must come from
 * an allowed origin when it names one, and must send `content-type: application/json` — a type a
 * cross-site HTML form cannot send and a cross-site fetch cannot send without a CORS preflight
 * (which this server never grants). An empty JSON body is accepted (e.g. for logout).
 *
 * No path test: the router decodes percent-encoding (`/%61pi/auth/logout` is `/api/auth/logout`), so a
 * guard reading the raw URL could be walked around; every state-changing route is under `/api/` anyway.
 */
export function installRequestGuards(app: FastifyInstance, config: ServerConfig): void {
  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return
    if (!checkOrigin(request, config)) {
      throw new ApiError(
        403,
        ApiErrorCodes.FORBIDDEN,
        `Requests from ${request.headers.origin} are not allowed. Add the origin to ALLOWED_ORIGINS if it is yours.`,
      )
    }
    if (!WITH_BODY.has(request.method)) return
    const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase()
    if (mediaType !== 'application/json') {
      throw new ApiError(
        415,
        ApiErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        'Send the body as JSON with `content-type: application/json`.',
      )
    }
  })

  // Fastify refuses an empty body declared as JSON; treat it as "no body" so bodiless actions
  // (logout) need no dummy `{}`. Non-empty bodies keep Fastify's safe parser (prototype-poisoning checks).
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString()
    if (text.trim() === '') return done(null, undefined)
    parseJson(request, text, done)
  })
}
