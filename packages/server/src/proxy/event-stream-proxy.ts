import type { FastifyReply, FastifyRequest } from 'fastify'
import { closeStreamWithSession } from '../auth/index.js'
import type { ServerConfig } from '../config.js'
import { ApiErrorCodes } from '../errors/index.js'
import { openEventStream } from './event-stream.js'
import { ProxyRefusal } from './proxy-refusal.js'
import type { ProxyDestination } from './proxy-target.js'
import type { ProxyTransport } from './target-guard.js'

type DestinationOf = (request: FastifyRequest, transport: ProxyTransport) => Promise<ProxyDestination>

/** The one browser header an event stream needs passed on: where to resume. Cookies never go upstream. */
function resumeHeaders(request: FastifyRequest): Record<string, string> {
  const lastEventId = request.headers['last-event-id']
  return typeof lastEventId === 'string' ? { 'last-event-id': lastEventId } : {}
}

/** A POST's body as it is sent on: JSON bodies were parsed by Fastify, so they are written out again. */
function bodyOf(request: FastifyRequest): { body: string; contentType: string } | null {
  if (request.method !== 'POST' || request.body === undefined || request.body === null) return null
  if (typeof request.body === 'string') return { body: request.body, contentType: 'text/plain; charset=utf-8' }
  return { body: JSON.stringify(request.body), contentType: 'application/json' }
}

/**
 * `GET|POST /api/proxy?url=http://…` (or `?project=&service=` for a saved `sse` service) without a
 * WebSocket upgrade: streams a third-party Server-Sent Events response to the browser through the same
 * checks as the WebSocket relay (Origin, session, SSRF guard with the resolved address pinned). A saved
 * service's secret headers are added here. The response is piped, so a browser that reads slowly slows
 * the upstream read down (backpressure) and the proxy holds at most the streams' high-water marks. A
 * refusal is a JSON error `{ code, message }` with the matching status (400, 401, 403, 502). At most
 * `WS_MAX_CONNECTIONS` streams are open at once, as for WebSockets; one more is `503 TETHER_BUSY`.
 */
export function eventStreamProxy(config: ServerConfig, destinationOf: DestinationOf) {
  let open = 0
  return async function streamEvents(request: FastifyRequest, reply: FastifyReply) {
    if (open >= config.limits.maxConnections) {
      request.log.warn({ open }, 'event-stream proxy at WS_MAX_CONNECTIONS')
      const message = `This server relays ${open} event streams (WS_MAX_CONNECTIONS); try again later.`
      return reply.status(503).header('retry-after', '5').send({ code: ApiErrorCodes.BUSY, message })
    }
    try {
      const { target, saved } = await destinationOf(request, 'http')
      const post = bodyOf(request)
      const upstream = await openEventStream(target, {
        method: request.method === 'POST' ? 'POST' : 'GET',
        ...(post ? { body: post.body } : {}),
        headers: {
          ...(saved?.requestHeaders ?? {}),
          ...saved?.headers,
          ...resumeHeaders(request),
          ...(post ? { 'content-type': post.contentType } : {}),
        },
        connectTimeoutMs: config.proxy.connectTimeoutMs,
      })
      open++
      reply.raw.once('close', () => open--)
      closeStreamWithSession(request, reply)
      // The browser leaving ends the upstream request too (Fastify destroys a piped stream on close).
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(upstream)
    } catch (error) {
      if (!(error instanceof ProxyRefusal)) throw error
      return reply.status(error.httpStatus).send({ code: error.code, message: error.message })
    }
  }
}
