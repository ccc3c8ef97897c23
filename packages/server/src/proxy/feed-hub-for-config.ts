import type { FastifyBaseLogger } from 'fastify'
import type { ServerConfig } from '../config.js'
import { FeedHub, type FeedStore, MemoryFeedStore, RedisFeedStore } from '../feeds/index.js'

/** How often a "limit reached" warning may be logged (per message). */
const WARN_EVERY_MS = 60_000

/**
 * The shared feeds of this server: in Redis with `REDIS_URL` (one upstream per feed for the whole
 * cluster), in memory otherwise.
 */
export function createFeedHub(config: ServerConfig, log: FastifyBaseLogger): FeedHub {
  const report = (message: string, error: unknown) => log.warn({ err: error }, message)
  const store: FeedStore = config.redisUrl
    ? new RedisFeedStore(config.redisUrl, {
        prefix: config.feeds.redisPrefix,
        onError: (e) => report('feed fan-out failed', e),
      })
    : new MemoryFeedStore()
  const warned = new Map<string, number>()
  const warn = (message: string) => {
    const last = warned.get(message) ?? 0
    if (Date.now() - last < WARN_EVERY_MS) return
    warned.set(message, Date.now())
    log.warn(message)
  }
  return new FeedHub(
    store,
    {
      maxViewersPerFeed: config.feeds.maxViewersPerFeed,
      maxFeeds: config.feeds.maxFeeds,
      graceMs: config.feeds.graceMs,
      leaseMs: config.feeds.leaseMs,
      viewerQueueBytes: config.limits.maxBufferedBytes,
      joinBufferMax: 1_000,
      backoff: { initialDelayMs: 500, maxDelayMs: 30_000 },
    },
    report,
    warn,
  )
}
