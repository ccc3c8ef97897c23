import { SHARED_FEED_DEFAULTS, type SharedFeedBuffer } from '@tether/core'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type WebSocket from 'ws'
import { closeWithSession } from '../auth/index.js'
import type { ServerConfig } from '../config.js'
import type { Db } from '../db/index.js'
import { ApiErrorCodes } from '../errors/index.js'
import { type FeedRequest, feedKey } from '../feeds/index.js'
import { CloseCodes, guardConnection, logAndTerminate, pinSubprotocol, releaseUpgradeRequest } from '../limits/index.js'
import type { SecretsStore } from '../studio/index.js'
import { eventStreamProxy } from './event-stream-proxy.js'
import { createFeedHub } from './feed-hub-for-config.js'
import { handshakeFor, type ProtocolHandshake } from './protocol-handshake.js'
import { pinnedSubprotocols } from './protocol-subprotocols.js'
import { ProxyRefusal } from './proxy-refusal.js'
import { proxyDestinations } from './proxy-target.js'
import { relay } from './relay.js'
import { connectUpstream } from './upstream.js'

/** A relay to the request's own upstream, with the protocol's opening exchange the proxy takes part in. */
type Relayed = { upstream: WebSocket; handshake: ProtocolHandshake | null }

/** What a checked request leads to: a relay to its own upstream, or a seat at a shared feed. */
type Prepared = (Relayed & { abandon: () => void }) | { feed: FeedRequest } | ProxyRefusal

/** `?since=<seq>` of a shared feed's viewer: a whole non-negative number, or null. */
function sinceOf(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,16}$/.test(value)) return null
  return Number(value)
}

export interface ProxyRoutesOptions {
  config: ServerConfig
  db: Db
  /** The app's one SecretsStore (the studio writes it; the proxy reads the headers to add). */
  secrets: SecretsStore
}

/** The browser's Sec-WebSocket-Protocol list. */
function offeredProtocols(request: FastifyRequest): string[] {
  const header = request.headers['sec-websocket-protocol']
  if (typeof header !== 'string') return []
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

/**
 * `GET /api/proxy?url=ws://host:port/path` — a WebSocket relay to a third-party service, so a page can
 * use a ws:// service from https and service credentials stay on the server. Needs a session and an
 * allowed Origin; targets pass the SSRF guard (see target-guard.ts). Every check and the upstream
 * connection happen before the browser's upgrade completes, so the browser is answered with the
 * subprotocol the target chose; a refusal still upgrades and then closes with a code and a reason
 * (4401, 4403, 1008, 1014), since browsers hide the HTTP status of a failed upgrade. A saved service's
 * protocol pins the subprotocols offered and, for STOMP and MQTT, puts the stored login into the
 * opening exchange (protocol-handshake.ts). Without an upgrade the same path streams Server-Sent Events.
 */
export const proxyRoutes: FastifyPluginAsync<ProxyRoutesOptions> = async (app, { config, secrets }) => {
  const prepared = new WeakMap<FastifyRequest, Prepared>()
  const feeds = createFeedHub(config, app.log)
  app.addHook('onClose', () => feeds.close())

  const destinationOf = proxyDestinations(config, secrets)
  const onSocketError = logAndTerminate(app.log, 'proxy')

  async function prepare(request: FastifyRequest): Promise<Relayed | FeedRequest> {
    const query = request.query as Record<string, string | undefined>
    const { target, saved, resolveAgain } = await destinationOf(request, 'websocket')
    // A saved service's protocol decides the subprotocols and the opening exchange the proxy takes part in.
    const protocol = saved?.protocol ?? 'websocket'
    const upstreamOptions = {
      protocols: pinnedSubprotocols(protocol, offeredProtocols(request)),
      connectTimeoutMs: config.proxy.connectTimeoutMs,
      maxPayload: config.limits.maxPayload,
      headers: saved?.headers ?? {},
    }
    // A saved service is shared when its definition says so; a bare `?url=` when the viewer asks (`shared=1`,
    // as core's variables do for a shared service): it has no secrets, so sharing shows nobody more.
    const shared: SharedFeedBuffer | null = saved
      ? saved.shared
      : query.shared === '1'
        ? { ...SHARED_FEED_DEFAULTS }
        : null
    if (shared === null) {
      const upstream = await connectUpstream(target, upstreamOptions)
      return { upstream, handshake: handshakeFor(protocol, saved?.credentials ?? {}, config.limits.maxPayload) }
    }
    const body = query.body ?? null
    return {
      key: feedKey({
        url: target.url.href,
        protocols: upstreamOptions.protocols,
        body,
        headers: upstreamOptions.headers,
        buffer: shared,
      }),
      buffer: shared,
      body,
      since: sinceOf(query.since),
      // Resolved and checked again on every (re)connect: the holder may reconnect hours later.
      connect: async () => connectUpstream(await resolveAgain(), upstreamOptions),
    }
  }

  // Without an upgrade, the same endpoint streams Server-Sent Events (see event-stream-proxy.ts).
  const streamEvents = eventStreamProxy(config, destinationOf)
  app.post('/api/proxy', streamEvents)
  app.route({
    method: 'GET',
    url: '/api/proxy',
    handler: streamEvents,
    preValidation: async (request) => {
      if (!request.ws) return
      // A server at WS_MAX_CONNECTIONS refuses this socket once it opens (connection cap): don't
      // open an upstream connection for it first.
      if (app.websocketServer.clients.size >= config.limits.maxConnections) return
      try {
        const outcome = await prepare(request)
        if ('key' in outcome) {
          prepared.set(request, { feed: outcome })
          // The viewer gets feed frames, not the upstream's protocol; echoing its first offer satisfies
          // clients that insist on a subprotocol when they offered some (ws does).
          pinSubprotocol(request.raw, offeredProtocols(request)[0] ?? false)
          return
        }
        const { upstream, handshake } = outcome
        // The browser may leave before its upgrade completes; don't leak the upstream then.
        const abandon = () => upstream.terminate()
        if (request.raw.socket.destroyed) abandon()
        else request.raw.socket.once('close', abandon)
        prepared.set(request, { upstream, handshake, abandon })
        // The browser must get the subprotocol the target picked (or none, if it picked none).
        pinSubprotocol(request.raw, upstream.protocol || false)
      } catch (error) {
        const refusal =
          error instanceof ProxyRefusal
            ? error
            : new ProxyRefusal(CloseCodes.INTERNAL, ApiErrorCodes.INTERNAL, 'the proxy failed; see the server log')
        if (!(error instanceof ProxyRefusal)) request.log.error({ err: error }, 'proxy preparation failed')
        prepared.set(request, refusal)
      }
    },
    wsHandler: (socket, request) => {
      // Before relay() adds its own 'error' listener, which this would remove.
      releaseUpgradeRequest(socket, request, onSocketError)
      closeWithSession(request, socket)
      const outcome = prepared.get(request)
      if (outcome === undefined || outcome instanceof ProxyRefusal) {
        const refusal =
          outcome ?? new ProxyRefusal(CloseCodes.INTERNAL, ApiErrorCodes.INTERNAL, 'the proxy was not prepared')
        socket.close(refusal.closeCode, refusal.reason)
        return
      }
      if ('feed' in outcome) {
        guardConnection(socket, config.limits)
        void feeds.join(socket, outcome.feed)
        return
      }
      request.raw.socket.off('close', outcome.abandon)
      guardConnection(socket, config.limits)
      guardConnection(outcome.upstream, config.limits)
      app.metrics.proxyUpstreamOpened(outcome.upstream)
      relay(socket, outcome.upstream, {
        maxBufferedBytes: config.limits.maxBufferedBytes,
        handshake: outcome.handshake,
      })
    },
  })
}
