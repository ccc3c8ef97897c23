import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type WebSocket from 'ws'
import { createBroker } from '../broker/index.js'
import type { ServerConfig } from '../config.js'
import type { Db } from '../db/index.js'
import { logSecurityEvent, SecurityEvents } from '../security/index.js'
import { SessionSockets } from './session-sockets.js'
import { liveSessionIds, type SessionsEndedListener, sessionIdOf } from './session-store.js'
import { readSessionToken } from './session-user.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The open WebSockets of each session, closed when it ends (see `closeWithSession`). */
    sessionSockets: SessionSockets
  }
}

/**
 * Closes `socket` with 4401 when the request's session ends (logout, expiry, eviction), on every
 * instance. Every WebSocket route that needs a session calls it when the socket opens; routes open to
 * anonymous visitors (heartrate, echo) do not, so signing out in one tab leaves their streams alone.
 *
 * @example
 * app.get('/websocket/chatroom', { websocket: true }, (socket, request) => {
 *   closeWithSession(request, socket)
 * })
 */
export function closeWithSession(request: FastifyRequest, socket: WebSocket): void {
  const token = readSessionToken(request)
  if (token) request.server.sessionSockets.track(sessionIdOf(token), socket)
}

/**
 * Ends the event stream of `reply` when the request's session ends, as `closeWithSession` does for
 * WebSockets: a proxied Server-Sent Events stream must not outlive its session either.
 */
export function closeStreamWithSession(request: FastifyRequest, reply: FastifyReply): void {
  const token = readSessionToken(request)
  if (token) request.server.sessionSockets.trackStream(sessionIdOf(token), reply.raw)
}

/** The broker channel on which instances tell each other which sessions ended. */
export const SESSIONS_ENDED_CHANNEL = 'tether:sessions:ended'

/**
 * Closes the WebSockets of ended sessions with 4401, on every instance (OWASP's session revalidation:
 * a socket must not outlive its session).
 *
 * - Logout, eviction by `SESSION_MAX_PER_USER` and a replaced login end sessions explicitly: the
 *   instance that ended them publishes their ids on the broker (Redis with `REDIS_URL`), and each
 *   instance closes its sockets of those sessions at once.
 * - Expiry has no event, and a broker message can be lost while Redis is down; so every
 *   `SESSION_CHECK_INTERVAL_MS` each instance also asks the database which of its sockets' sessions
 *   still exist and have not expired, and closes the rest. A timer, not a check per message: the chat
 *   and the proxy relay messages without touching the database, and one query per interval covers
 *   every socket at once. An expired session's sockets thus close within one interval.
 *
 * Returns the listener the session store calls when sessions end. Call it before the WebSocket routes
 * are registered (they use `app.sessionSockets` through `closeWithSession`).
 */
export function installSessionRevocation(
  app: FastifyInstance,
  { config, db }: { config: Pick<ServerConfig, 'redisUrl' | 'sessionCheckIntervalMs'>; db: Db },
): SessionsEndedListener {
  const sockets = new SessionSockets()
  app.decorate('sessionSockets', sockets)
  const broker = createBroker(
    config,
    (error) => app.log.error({ err: error }, 'sessions: a revocation failed'),
    (message) => app.log.warn(`sessions: ${message}`),
  )

  const closeSockets = (ids: string[], reason: string) => {
    const closed = sockets.close(ids)
    if (closed > 0)
      logSecurityEvent(app.log, SecurityEvents.SESSION_REVOKED, { sessions: ids.length, sockets: closed, reason })
  }

  const subscribed = broker.subscribe(SESSIONS_ENDED_CHANNEL, (message) => {
    const ids: unknown = JSON.parse(message)
    if (Array.isArray(ids))
      closeSockets(
        ids.filter((id): id is string => typeof id === 'string'),
        'ended',
      )
  })
  // The server listens only once it hears revocations (or has logged why it cannot).
  const ready = subscribed.then(
    () => {},
    (error: unknown) => app.log.error({ err: error }, 'sessions: cannot subscribe to revocations'),
  )
  app.addHook('onReady', () => ready)

  let checking = false
  const timer = setInterval(async () => {
    const ids = sockets.sessionIds()
    if (checking || ids.length === 0) return
    checking = true
    try {
      const live = await liveSessionIds(db, ids)
      closeSockets(
        ids.filter((id) => !live.has(id)),
        'expired or ended',
      )
    } catch (error) {
      app.log.error({ err: error }, 'sessions: checking open sockets failed')
    } finally {
      checking = false
    }
  }, config.sessionCheckIntervalMs)
  timer.unref()

  app.addHook('onClose', async () => {
    clearInterval(timer)
    await ready
    await broker.close()
  })

  return (ids) => {
    // Closed here at once (no broker round trip for the common case), and announced to the others.
    closeSockets(ids, 'ended')
    broker.publish(SESSIONS_ENDED_CHANNEL, JSON.stringify(ids)).catch((error: unknown) =>
      // The other instances still close these sockets at their next check of open sessions.
      app.log.warn(
        { err: error },
        `sessions: ended sessions not announced to other instances; they close their sockets within SESSION_CHECK_INTERVAL_MS=${config.sessionCheckIntervalMs}`,
      ),
    )
  }
}
