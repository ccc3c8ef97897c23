import { CloseCodes } from '@tether/core'
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import type WebSocket from 'ws'
import { closeReason } from './close-codes.js'

/** How often, at most, each kind of refusal is logged: a flood of refusals must not flood the log too. */
export const FULL_WARNING_INTERVAL_MS = 60_000

/** The WebSocket connection limits (see the server README's configuration table). */
export interface ConnectionCapLimits {
  /** Every WebSocket on this server. `WS_MAX_CONNECTIONS`. */
  maxConnections: number
  /** WebSockets from one client address. `WS_MAX_CONNECTIONS_PER_CLIENT`. */
  maxConnectionsPerClient: number
  /** Of `maxConnections`, how many only signed-in clients may use. `WS_RESERVED_FOR_SIGNED_IN`. */
  reservedForSignedIn: number
}

/** The close reason of a connection over `WS_MAX_CONNECTIONS`. */
export function serverFullReason(maxConnections: number): string {
  return closeReason(`Server is full (WS_MAX_CONNECTIONS=${maxConnections}): try again later`)
}

type WebSocketHandler = (this: FastifyInstance, socket: WebSocket, request: FastifyRequest) => unknown

/**
 * Caps the WebSockets open on this server (`WS_MAX_CONNECTIONS`, every route together), per client
 * address (`WS_MAX_CONNECTIONS_PER_CLIENT`), and keeps the last `WS_RESERVED_FOR_SIGNED_IN` of them
 * for clients with a signed session cookie, so anonymous clients cannot exhaust the server for users.
 * A connection over a cap is accepted and then closed with 1013 and a reason, never answered with an
 * HTTP error: browsers hide the status of a failed upgrade, and a close code is what a client can act
 * on. Its route's handler never runs. Each kind of refusal is logged at most once a minute.
 *
 * Counts `app.websocketServer.clients` (`ws` tracks every accepted socket until it has closed), so
 * nothing is counted twice. Call it before registering `@fastify/websocket`: its route hook must see
 * the routes' own handlers first. `isSignedIn` must be cheap (no database): it runs on every upgrade.
 *
 * @example
 * installConnectionCap(app, config.limits, (request) => readSessionToken(request) !== null)
 * await app.register(fastifyWebsocket, { options: websocketServerOptions(config) })
 */
export function installConnectionCap(
  app: FastifyInstance,
  limits: ConnectionCapLimits,
  isSignedIn: (request: FastifyRequest) => boolean = () => false,
): void {
  const { maxConnections, maxConnectionsPerClient, reservedForSignedIn } = limits
  const anonymousMax = Math.max(0, maxConnections - reservedForSignedIn)
  const perClient = new Map<string, number>()
  let anonymous = 0
  const refusals = {
    full: new RefusalWarning(
      app.log,
      serverFullReason(maxConnections),
      `server full (WS_MAX_CONNECTIONS=${maxConnections})`,
    ),
    anonymous: new RefusalWarning(
      app.log,
      closeReason(
        `Server is full for anonymous connections (WS_RESERVED_FOR_SIGNED_IN=${reservedForSignedIn}): log in or try later`,
      ),
      `anonymous connections at their share (WS_MAX_CONNECTIONS=${maxConnections} less WS_RESERVED_FOR_SIGNED_IN=${reservedForSignedIn})`,
    ),
    client: new RefusalWarning(
      app.log,
      closeReason(`Too many connections from your address (WS_MAX_CONNECTIONS_PER_CLIENT=${maxConnectionsPerClient})`),
      `a client address at WS_MAX_CONNECTIONS_PER_CLIENT=${maxConnectionsPerClient}`,
    ),
  }

  const admit = (socket: WebSocket, request: FastifyRequest): RefusalWarning | null => {
    // This socket is already among the clients, so the cap itself is still allowed.
    if (app.websocketServer.clients.size > maxConnections) return refusals.full
    const signedIn = isSignedIn(request)
    if (!signedIn && anonymous >= anonymousMax) return refusals.anonymous
    const address = request.ip
    const fromClient = perClient.get(address) ?? 0
    if (fromClient >= maxConnectionsPerClient) return refusals.client
    perClient.set(address, fromClient + 1)
    if (!signedIn) anonymous++
    socket.once('close', () => {
      const left = (perClient.get(address) ?? 1) - 1
      if (left > 0) perClient.set(address, left)
      else perClient.delete(address)
      if (!signedIn) anonymous--
    })
    return null
  }

  app.addHook('onRoute', (route: RouteOptions & { websocket?: boolean; wsHandler?: WebSocketHandler }) => {
    // A route declares its socket handler either as `handler` with `websocket: true` or as `wsHandler`.
    if (!route.websocket && !route.wsHandler) return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    if (methods.every((method) => method === 'HEAD')) return
    const handler = (route.wsHandler ?? route.handler) as unknown as WebSocketHandler
    const capped: WebSocketHandler = function (this: FastifyInstance, socket, request) {
      const refusal = admit(socket, request)
      if (refusal) {
        socket.close(CloseCodes.TRY_LATER, refusal.reason)
        refusal.refused()
        return
      }
      return handler.call(this, socket, request)
    }
    if (route.wsHandler) route.wsHandler = capped as typeof route.wsHandler
    else route.handler = capped as unknown as RouteOptions['handler']
  })
}

/** One kind of refusal: its close reason, and a warning logged at most once per `FULL_WARNING_INTERVAL_MS`. */
class RefusalWarning {
  #lastAt = Number.NEGATIVE_INFINITY
  #refused = 0

  constructor(
    private readonly log: FastifyBaseLogger,
    readonly reason: string,
    private readonly what: string,
  ) {}

  refused(now = Date.now()): void {
    this.#refused++
    if (now - this.#lastAt < FULL_WARNING_INTERVAL_MS) return
    this.log.warn(`WebSocket: ${this.what}, ${this.#refused} connection(s) refused with 1013 since the last warning`)
    this.#lastAt = now
    this.#refused = 0
  }
}
