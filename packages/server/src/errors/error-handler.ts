import { isTetherError } from '@tether/core'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, type ApiErrorDetail } from './api-error.js'
import { type ApiErrorCode, ApiErrorCodes } from './error-codes.js'

interface ErrorBody {
  code: string
  message: string
  details?: ApiErrorDetail[]
}

// Fastify's own error codes that are the client's fault, mapped to our stable codes.
const FASTIFY_CODES: Record<string, { code: ApiErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: ApiErrorCodes.UNSUPPORTED_MEDIA_TYPE,
    message: 'Send the body as JSON with `content-type: application/json`.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: ApiErrorCodes.PAYLOAD_TOO_LARGE, message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: ApiErrorCodes.BAD_REQUEST, message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: ApiErrorCodes.BAD_REQUEST, message: 'The request body is empty; send JSON.' },
}

// How pg reports a database that does not answer: its own timeouts, a statement cancelled by
// statement_timeout (57014), a connection lost or refused (class 08, 57P0x).
const DATABASE_TIMEOUT_MESSAGES = new Set([
  'Query read timeout',
  'timeout expired',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
])
const DATABASE_UNAVAILABLE_CODES = /^(57014|57P0[123]|08\d{3}|ECONNREFUSED|ECONNRESET)$/

function isDatabaseUnavailable(error: { message?: unknown; code?: unknown }): boolean {
  return (
    (typeof error.message === 'string' && DATABASE_TIMEOUT_MESSAGES.has(error.message)) ||
    (typeof error.code === 'string' && DATABASE_UNAVAILABLE_CODES.test(error.code))
  )
}

/** Turns anything thrown into the status and JSON body the client receives. Unknown faults reveal nothing. */
export function toErrorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof ApiError) {
    const body: ErrorBody = { code: error.code, message: error.message }
    if (error.details.length > 0) body.details = [...error.details]
    return { status: error.statusCode, body }
  }
  if (isTetherError(error)) {
    const details = error.details.length > 0 ? { details: [...error.details] } : {}
    return { status: 400, body: { code: error.code, message: error.message, ...details } }
  }
  const fastifyError = error as Partial<FastifyError> & { name?: string }
  if (fastifyError.validation) {
    const details = fastifyError.validation.map((v) => ({
      path: `${fastifyError.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'Invalid value.',
    }))
    return { status: 400, body: { code: ApiErrorCodes.VALIDATION_FAILED, message: 'The request is invalid.', details } }
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500
  if (status === 500 && isDatabaseUnavailable(fastifyError)) {
    return {
      status: 503,
      body: {
        code: ApiErrorCodes.DATABASE_UNAVAILABLE,
        message: `The database did not answer in time; try again shortly (request ${requestId}).`,
      },
    }
  }
  if (status === 429) {
    return { status, body: { code: ApiErrorCodes.RATE_LIMITED, message: 'Too many requests; wait and try again.' } }
  }
  const known = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
  if (known) return { status, body: { code: known.code, message: known.message ?? String(fastifyError.message) } }
  if (status >= 400 && status < 500) {
    return { status, body: { code: ApiErrorCodes.BAD_REQUEST, message: String(fastifyError.message) } }
  }
  return {
    status: 500,
    body: {
      code: ApiErrorCodes.INTERNAL,
      message: `An unexpected error occurred; the server log has the details (request ${requestId}).`,
    },
  }
}

/**
 * Installs the error and not-found handlers so every error response — validation, 404, rate limit,
 * unknown — is JSON `{ code, message }` with a stable code.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorResponse(error, request.id)
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    if (error instanceof ApiError) reply.headers(error.headers)
    return reply.status(status).send(body)
  })
  // @fastify/websocket answers a plain HTTP GET on a WebSocket route with an empty 404: say what it is.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 404 || (payload !== undefined && payload !== null && payload !== '')) return payload
    reply.type('application/json; charset=utf-8')
    return JSON.stringify({
      code: ApiErrorCodes.NOT_FOUND,
      message: `${request.url.split('?')[0]} is a WebSocket endpoint: connect to it with ws:// (an Upgrade request).`,
    })
  })
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    return reply.status(404).send({
      code: ApiErrorCodes.NOT_FOUND,
      message: `Nothing at ${request.method} ${request.url.split('?')[0]}. See the server README for the HTTP API.`,
    })
  })
}
