import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type WebSocket from 'ws'

/** The routes connections are counted by; anything else is `other`, so a client cannot grow the label set. */
const ROUTES = [
  '/websocket/chatroom',
  '/websocket/heartrate',
  '/websocket/echo',
  '/websocket/mock',
  '/mqtt',
  '/api/proxy',
]

/** The route label of a WebSocket's upgrade URL. */
export function routeLabel(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? ''
  return ROUTES.find((route) => path === route || path.startsWith(`${route}/`)) ?? 'other'
}

// Process metrics (CPU, memory, file descriptors, GC) are per process, so registered once per process
// and merged into every app's scrape.
let processRegistry: Registry | null = null
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

/** Latency buckets in seconds: 0.5 ms to 10 s. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * The server's Prometheus metrics, one registry per app (tests run several apps in one process).
 * Features report through the methods; `/metrics` renders `text()`. Names start with `tether_`.
 */
export class ServerMetrics {
  readonly registry = new Registry()
  readonly #connections = new Gauge({
    name: 'tether_websocket_connections',
    help: 'Open WebSocket connections, by route.',
    labelNames: ['route'],
    registers: [this.registry],
  })
  readonly #chatIn = new Counter({
    name: 'tether_chat_messages_in_total',
    help: 'Chat messages received from members and stored.',
    registers: [this.registry],
  })
  readonly #chatOut = new Counter({
    name: 'tether_chat_messages_out_total',
    help: 'Chat message frames sent to members (one per member per message).',
    registers: [this.registry],
  })
  readonly #proxyUpstreams = new Gauge({
    name: 'tether_proxy_upstreams',
    help: 'Open upstream connections of the WebSocket proxy.',
    registers: [this.registry],
  })
  readonly #loginFailures = new Counter({
    name: 'tether_login_failures_total',
    help: 'Refused logins, by reason (invalid_credentials, rate_limited, busy, invalid_request).',
    labelNames: ['reason'],
    registers: [this.registry],
  })
  readonly #databaseQueries = new Histogram({
    name: 'tether_database_query_seconds',
    help: 'Time of each database query.',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  })
  readonly #dependencyPing = new Gauge({
    name: 'tether_dependency_ping_seconds',
    help: 'Round trip of the last readiness check of each dependency (database, redis); -1 when it failed.',
    labelNames: ['dependency'],
    registers: [this.registry],
  })
  readonly #loopDelay = monitorEventLoopDelay({ resolution: 10 })

  constructor() {
    this.#loopDelay.enable()
    const delay = this.#loopDelay
    new Gauge({
      name: 'tether_event_loop_lag_seconds',
      help: 'Event-loop delay since the last scrape: p50, p99 and max.',
      labelNames: ['quantile'],
      registers: [this.registry],
      collect() {
        this.set({ quantile: '0.5' }, delay.percentile(50) / 1e9)
        this.set({ quantile: '0.99' }, delay.percentile(99) / 1e9)
        this.set({ quantile: '1' }, delay.max / 1e9)
        delay.reset()
      },
    })
  }

  /** Counts a WebSocket by its route until it closes. */
  webSocketOpened(socket: WebSocket, url: string | undefined): void {
    const route = routeLabel(url)
    this.#connections.inc({ route })
    socket.once('close', () => this.#connections.dec({ route }))
  }

  chatMessageIn(): void {
    this.#chatIn.inc()
  }

  chatMessagesOut(count: number): void {
    if (count > 0) this.#chatOut.inc(count)
  }

  /** Counts a proxy upstream until it closes. */
  proxyUpstreamOpened(upstream: WebSocket): void {
    this.#proxyUpstreams.inc()
    upstream.once('close', () => this.#proxyUpstreams.dec())
  }

  loginFailed(reason: string): void {
    this.#loginFailures.inc({ reason })
  }

  databaseQuery(milliseconds: number): void {
    this.#databaseQueries.observe(milliseconds / 1000)
  }

  dependencyPinged(dependency: string, milliseconds: number | null): void {
    this.#dependencyPing.set({ dependency }, milliseconds === null ? -1 : milliseconds / 1000)
  }

  /** The exposition text of this app's and the process's metrics. */
  async text(): Promise<{ contentType: string; body: string }> {
    const merged = Registry.merge([this.registry, processMetrics()])
    return { contentType: merged.contentType, body: await merged.metrics() }
  }

  close(): void {
    this.#loopDelay.disable()
  }
}
