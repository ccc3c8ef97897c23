import { timingSafeEqual } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { ServerConfig } from '../config.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import type { ServerMetrics } from './metrics.js'
import type { ReadinessChecks } from './readiness.js'

/** The login route's refusals, by status, as the login-failure metric names them. */
const LOGIN_FAILURE_REASONS: Record<number, string> = {
  400: 'invalid_request',
  401: 'invalid_credentials',
  429: 'rate_limited',
  503: 'busy',
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * What an operator needs: `GET /healthz` (the process is live), `GET /readyz` (the database and, with
 * REDIS_URL, Redis answer; 503 `TETHER_NOT_READY` naming the one that does not) and Prometheus
 * metrics at `/metrics`. Metrics are never public: on the main port only with `METRICS_TOKEN` (as a
 * bearer token), and on `METRICS_PORT` (bound to `METRICS_HOST`, loopback by default) without one.
 */
export function installOperations(
  app: FastifyInstance,
  config: Pick<ServerConfig, 'metrics'>,
  metrics: ServerMetrics,
  readiness: ReadinessChecks,
): void {
  app.get('/healthz', async () => ({ status: 'ok' }))

  app.get('/readyz', async (_request, reply) => {
    const checks = await readiness.run()
    const failing = Object.entries(checks).filter(([, result]) => !result.ok)
    if (failing.length === 0) return { status: 'ready', checks }
    const what = failing.map(([name, result]) => `${name} (${result.error})`).join(', ')
    return reply.status(503).send({
      code: ApiErrorCodes.NOT_READY,
      message: `Not ready: not reachable: ${what}.`,
      checks,
    })
  })

  // Refused logins, counted from the answers so the login code needs to know nothing of metrics.
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url !== '/api/auth/login' || reply.statusCode < 400) return
    metrics.loginFailed(LOGIN_FAILURE_REASONS[reply.statusCode] ?? 'other')
  })

  const render = async () => {
    await readiness.run() // fresh database and Redis round trips in every scrape
    return metrics.text()
  }

  const { token, port, host } = config.metrics
  if (token !== null) {
    app.get('/metrics', async (request, reply) => {
      const header = request.headers.authorization ?? ''
      if (!header.startsWith('Bearer ') || !sameToken(header.slice('Bearer '.length), token)) {
        throw new ApiError(
          401,
          ApiErrorCodes.UNAUTHENTICATED,
          'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.',
        )
      }
      const { contentType, body } = await render()
      return reply.type(contentType).send(body)
    })
  }

  if (port !== null) {
    let server: Server | null = null
    app.addHook('onListen', async () => {
      server = createServer((request, response) => {
        if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
          response.writeHead(404, { 'content-type': 'application/json' })
          response.end(JSON.stringify({ code: ApiErrorCodes.NOT_FOUND, message: 'Only GET /metrics is served here.' }))
          return
        }
        render().then(
          ({ contentType, body }) => {
            response.writeHead(200, { 'content-type': contentType })
            response.end(body)
          },
          (error: unknown) => {
            app.log.error({ err: error }, 'metrics: rendering failed')
            response.writeHead(500, { 'content-type': 'application/json' })
            response.end(JSON.stringify({ code: ApiErrorCodes.INTERNAL, message: 'Rendering the metrics failed.' }))
          },
        )
      })
      const listening = server
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject)
        listening.listen(port, host, () => resolve())
      })
      app.log.info(`metrics on http://${host}:${port}/metrics`)
    })
    app.addHook('onClose', async () => {
      const listening = server
      if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()))
    })
  }
  app.addHook('onClose', async () => metrics.close())
}
