import { CloseCodes } from '@tether/core'
import type { FastifyBaseLogger, FastifyInstance, RouteOptions } from 'fastify'
import type WebSocket from 'ws'
import { closeReason } from './close-codes.js'

/** How often, at most, a full server says so in the log: a flood of refusals must not flood the log too. */
export const FULL_WARNING_INTERVAL_MS = 60_000

/** The close reason of a connection over `WS_MAX_CONNECTIONS`. */
export function serverFullReason(maxConnections: number): string {
  return closeReason(`Server is full (WS_MAX_CONNECTIONS=${maxConnections}): try again later`)
}

type WebSocketHandler = (this: FastifyInstance, socket: WebSocket, request: unknown) => unknown

/**
 * Caps the WebSockets open on this server, every route together (`WS_MAX_CONNECTIONS`). A connection
 * over the cap is accepted and then closed with 1013 and a reason, never answered with an HTTP error:
 * browsers hide the status of a failed upgrade, and a close code is what a client can act on. Its
 * route's handler never runs. A warning is logged at most once a minute while connections are refused.
 *
 * Counts `app.websocketServer.clients` (`ws` tracks every accepted socket until it has closed), so
 * nothing is counted twice and a socket that fails is forgotten by `ws` itself. Call it before
 * registering `@fastify/websocket`: its route hook must see the routes' own handlers first.
 *
 * @example
 * installConnectionCap(app, config.limits.maxConnections)
 * await app.register(fastifyWebsocket, { options: websocketServerOptions(config) })
 */
export function installConnectionCap(app: FastifyInstance, maxConnections: number): void {
  const reason = serverFullReason(maxConnections)
  const warning = new FullWarning(app.log, maxConnections)
  app.addHook('onRoute', (route: RouteOptions & { websocket?: boolean }) => {
    if (!route.websocket) return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (methods.every((method) => method === 'HEAD')) return
    const handler = route.handler as unknown as WebSocketHandler
    const capped: WebSocketHandler = function (this: FastifyInstance, socket, request) {
      // This socket is already among the clients, so the cap itself is still allowed.
      if (app.websocketServer.clients.size > maxConnections) {
        socket.close(CloseCodes.TRY_LATER, reason)
        warning.refused()
        return
      }
      return handler.call(this, socket, request)
    }
    route.handler = capped as unknown as RouteOptions['handler']
  })
}

/** Counts refusals and logs them once per `FULL_WARNING_INTERVAL_MS`. */
class FullWarning {
  #lastAt = Number.NEGATIVE_INFINITY
  #refused = 0

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly maxConnections: number,
  ) {}

  refused(now = Date.now()): void {
    this.#refused++
    if (now - this.#lastAt < FULL_WARNING_INTERVAL_MS) return
    this.log.warn(
      `WebSocket: server full, ${this.#refused} connection(s) refused with 1013 since the last warning (WS_MAX_CONNECTIONS=${this.maxConnections})`,
    )
    this.#lastAt = now
    this.#refused = 0
  }
}
