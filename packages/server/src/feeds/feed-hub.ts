import { randomUUID } from 'node:crypto'
import type { SharedFeedBuffer } from '@tether/core'
import type WebSocket from 'ws'
import { ApiErrorCodes } from '../errors/index.js'
import { CloseCodes, closeReason } from '../limits/index.js'
import { Feed, type FeedErrorReporter, FeedViewer } from './feed.js'
import type { FeedStore } from './feed-store.js'
import { type ConnectUpstream, type UpstreamBackoff, UpstreamFeed } from './upstream-feed.js'

/** The bounds and timings of shared feeds (server configuration, `FEED_*`). */
export interface FeedLimits {
  /** Viewers of one feed on this instance; one more is closed with 1013. */
  maxViewersPerFeed: number
  /** Feeds with viewers on this instance; a viewer of one more is closed with 1013. */
  maxFeeds: number
  /** How long an upstream stays open after the last viewer (of the whole cluster) left. */
  graceMs: number
  /** The upstream lease: renewed every third of it; a dead holder's feed is taken over after it. */
  leaseMs: number
  /** Bytes queued for one viewer (plus its socket's unsent bytes); beyond, it is closed with 1013. */
  viewerQueueBytes: number
  /** Live messages held for a viewer while its backlog is sent; beyond, it is closed with 1013. */
  joinBufferMax: number
  backoff: UpstreamBackoff
}

/** One viewer's request: which feed, how to open its upstream, where to resume. */
export interface FeedRequest {
  key: string
  buffer: SharedFeedBuffer
  connect: ConnectUpstream
  /** The RequestBody the upstream gets on every open. */
  body: string | null
  since: number | null
}

/** A feed on this instance: its viewers and, while this instance holds its lease, its upstream. */
interface HubFeed {
  feed: Feed
  ready: Promise<void>
  request: FeedRequest
  viewers: number
  token: number | null
  upstream: UpstreamFeed | null
  /** Since when nobody (here or, for the holder, anywhere) watches it; null while watched. */
  idleSince: number | null
  timer: NodeJS.Timeout
  ticking: boolean
  closed: boolean
}

/**
 * Shared feeds: any number of viewers, one upstream connection per feed for the whole cluster. Every
 * instance with viewers of a feed subscribes to it in the store, says so (`watch`) and tries to take its
 * lease; the instance that gets it opens the upstream and appends what arrives. The lease is renewed
 * every third of `leaseMs`; when its holder dies another watching instance takes it within `leaseMs`
 * plus one renewal period. The holder closes the upstream `graceMs` after the last viewer anywhere left.
 */
export class FeedHub {
  readonly instance = randomUUID()
  readonly #store: FeedStore
  readonly #limits: FeedLimits
  readonly #report: FeedErrorReporter
  readonly #warn: (message: string) => void
  readonly #feeds = new Map<string, HubFeed>()

  constructor(store: FeedStore, limits: FeedLimits, report: FeedErrorReporter, warn: (message: string) => void) {
    this.#store = store
    this.#limits = limits
    this.#report = report
    this.#warn = warn
  }

  /** Adds a viewer: it gets the buffer, then the live stream, until its socket closes. */
  async join(socket: WebSocket, request: FeedRequest): Promise<void> {
    let entry = this.#feeds.get(request.key)
    if (!entry) {
      if (this.#feeds.size >= this.#limits.maxFeeds) {
        this.#warn(`shared feeds: FEED_MAX_PER_INSTANCE=${this.#limits.maxFeeds} reached`)
        socket.close(
          CloseCodes.TRY_LATER,
          closeReason(`${ApiErrorCodes.TOO_MANY_FEEDS}: this server has its maximum of shared feeds open; try later`),
        )
        return
      }
      entry = this.#open(request)
    }
    if (entry.viewers >= this.#limits.maxViewersPerFeed) {
      this.#warn(`shared feeds: FEED_MAX_VIEWERS=${this.#limits.maxViewersPerFeed} reached`)
      socket.close(
        CloseCodes.TRY_LATER,
        closeReason(`${ApiErrorCodes.FEED_FULL}: this feed has all the viewers it may have; try later`),
      )
      return
    }
    const hub = entry
    hub.viewers++
    hub.idleSince = null
    let left = false
    const viewer = new FeedViewer(socket, this.#limits.viewerQueueBytes, () => {
      hub.feed.viewers.delete(viewer)
      if (left) return
      left = true
      this.#left(hub)
    })
    socket.on('message', () => viewer.refuseSend())
    socket.once('close', () => viewer.leave())
    try {
      await hub.ready
      if (hub.viewers === 1) void this.#tick(hub)
      await hub.feed.join(viewer, request.since)
    } catch (error) {
      this.#report('joining a shared feed failed', error)
      socket.close(CloseCodes.INTERNAL, 'The feed could not be joined; reconnect')
    }
  }

  #open(request: FeedRequest): HubFeed {
    const feed = new Feed(request.key, this.#store, request.buffer, this.#report, this.#limits.joinBufferMax)
    const period = Math.max(50, Math.floor(this.#limits.leaseMs / 3))
    const entry: HubFeed = {
      feed,
      ready: feed.start(),
      request,
      viewers: 0,
      token: null,
      upstream: null,
      idleSince: null,
      timer: setInterval(() => void this.#tick(entry), period),
      ticking: false,
      closed: false,
    }
    entry.timer.unref()
    entry.ready.catch((error: unknown) => {
      this.#report('starting a shared feed failed', error)
      void this.#shutDown(entry)
    })
    this.#feeds.set(request.key, entry)
    return entry
  }

  #left(entry: HubFeed): void {
    if (--entry.viewers > 0) return
    entry.idleSince = Date.now()
    // Other instances' holders must not count this one any more; the grace period starts now.
    this.#store
      .unwatch(entry.request.key, this.instance)
      .catch((error) => this.#report('unwatching a feed failed', error))
    setTimeout(() => void this.#tick(entry), this.#limits.graceMs + 10).unref()
  }

  /** Renews what this instance holds or watches, takes the lease when free, closes what is idle. */
  async #tick(entry: HubFeed): Promise<void> {
    if (entry.ticking || entry.closed) return
    entry.ticking = true
    const { key } = entry.request
    const { leaseMs, graceMs } = this.#limits
    try {
      if (entry.viewers > 0) await this.#store.watch(key, this.instance, leaseMs)
      if (entry.token !== null && !(await this.#store.renew(key, this.instance, entry.token, leaseMs))) {
        this.#report(`lost the lease of feed ${key.slice(0, 12)}`, null)
        this.#letGo(entry)
      }
      const watched =
        entry.viewers > 0 || (entry.token !== null && (await this.#store.othersWatching(key, this.instance)))
      if (watched) entry.idleSince = null
      else entry.idleSince ??= Date.now()
      // A viewer may have joined while the store answered.
      if (entry.viewers === 0 && entry.idleSince !== null && Date.now() - entry.idleSince >= graceMs) {
        await this.#shutDown(entry)
        return
      }
      if (entry.token === null && entry.viewers > 0) {
        const token = await this.#store.acquire(key, this.instance, leaseMs)
        if (token !== null && !entry.closed) this.#hold(entry, token)
      }
    } catch (error) {
      this.#report(`shared feed ${key.slice(0, 12)}: the store failed`, error)
    } finally {
      entry.ticking = false
    }
  }

  #hold(entry: HubFeed, token: number): void {
    const { key, buffer, body, connect } = entry.request
    entry.token = token
    entry.upstream = new UpstreamFeed(
      connect,
      body,
      {
        message: async (fields) => (await this.#store.append(key, token, fields, buffer)) !== null,
        status: (status) => {
          this.#store
            .setStatus(key, token, status)
            .catch((error) => this.#report('storing a feed status failed', error))
        },
        failed: (error) => this.#report(`storing a message of feed ${key.slice(0, 12)} failed`, error),
        fenced: () => {
          if (entry.token === token) this.#letGo(entry)
        },
      },
      this.#limits.backoff,
    )
    entry.upstream.start()
  }

  /** Stops holding (the lease was lost or given up); the next tick may take it again. */
  #letGo(entry: HubFeed): void {
    entry.upstream?.stop()
    entry.upstream = null
    entry.token = null
  }

  async #shutDown(entry: HubFeed): Promise<void> {
    if (entry.closed) return
    entry.closed = true
    clearInterval(entry.timer)
    if (this.#feeds.get(entry.request.key) === entry) this.#feeds.delete(entry.request.key)
    const { key } = entry.request
    const token = entry.token
    this.#letGo(entry)
    for (const viewer of entry.feed.viewers) viewer.socket.close(CloseCodes.GOING_AWAY, 'The feed closed')
    await Promise.allSettled([
      token === null
        ? Promise.resolve()
        : this.#store
            .setStatus(key, token, { state: 'closed', attempts: 0 })
            .then(() => this.#store.release(key, this.instance, token)),
      this.#store.unwatch(key, this.instance),
      entry.ready.then(() => entry.feed.stop()),
    ])
  }

  /** Closes every feed here (the server is stopping): their leases go at once, for another instance. */
  async close(): Promise<void> {
    await Promise.all([...this.#feeds.values()].map((entry) => this.#shutDown(entry)))
    await this.#store.close()
  }
}
