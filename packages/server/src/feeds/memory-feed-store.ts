import type { SharedFeedBuffer, UpstreamStatus } from '@tether/core'
import { type FeedEntry, type FeedListener, type FeedStore, firstSequence, withinAge } from './feed-store.js'

interface FeedState {
  lease: { holder: string; token: number; until: number } | null
  fence: number
  seq: number
  entries: FeedEntry[]
  status: UpstreamStatus | null
  listeners: Set<FeedListener>
  watchers: Map<string, number>
}

/**
 * The feeds of a single server process: everything in memory, delivered on a microtask in append order.
 * A feed's state is forgotten once nobody holds, watches or listens to it, except its sequence number,
 * which restarts from the clock (`firstSequence`) and so still grows.
 */
export class MemoryFeedStore implements FeedStore {
  readonly #feeds = new Map<string, FeedState>()

  #state(key: string): FeedState {
    let state = this.#feeds.get(key)
    if (!state) {
      state = { lease: null, fence: 0, seq: 0, entries: [], status: null, listeners: new Set(), watchers: new Map() }
      this.#feeds.set(key, state)
    }
    return state
  }

  /** Drops a feed nobody uses any more, so the map holds only live feeds. */
  #forgetIfUnused(key: string): void {
    const state = this.#feeds.get(key)
    if (state && state.lease === null && state.listeners.size === 0 && state.watchers.size === 0)
      this.#feeds.delete(key)
  }

  async subscribe(key: string, listener: FeedListener): Promise<() => Promise<void>> {
    const state = this.#state(key)
    const entry = { entry: listener.entry.bind(listener), status: listener.status.bind(listener) }
    state.listeners.add(entry)
    return async () => {
      state.listeners.delete(entry)
      this.#forgetIfUnused(key)
    }
  }

  onReconnect(_listener: () => void): () => void {
    return () => {}
  }

  async acquire(key: string, holder: string, ttlMs: number): Promise<number | null> {
    const state = this.#state(key)
    const now = Date.now()
    if (state.lease && state.lease.until > now) return null
    state.fence++
    state.lease = { holder, token: state.fence, until: now + ttlMs }
    return state.fence
  }

  async renew(key: string, holder: string, token: number, ttlMs: number): Promise<boolean> {
    const lease = this.#feeds.get(key)?.lease
    if (!lease || lease.holder !== holder || lease.token !== token || lease.until <= Date.now()) return false
    lease.until = Date.now() + ttlMs
    return true
  }

  async release(key: string, holder: string, token: number): Promise<void> {
    const state = this.#feeds.get(key)
    if (state?.lease?.holder === holder && state.lease.token === token) state.lease = null
    this.#forgetIfUnused(key)
  }

  async append(
    key: string,
    token: number,
    fields: Omit<FeedEntry, 'seq'>,
    buffer: SharedFeedBuffer,
  ): Promise<FeedEntry | null> {
    const state = this.#feeds.get(key)
    if (!state || state.fence !== token) return null
    state.seq = state.seq === 0 ? firstSequence() : state.seq + 1
    const entry: FeedEntry = { seq: state.seq, ...fields }
    if (buffer.bufferMessages > 0) {
      state.entries.push(entry)
      // Trimmed in bulk: shifting one entry per message would cost O(n) each time.
      if (state.entries.length > buffer.bufferMessages * 2) state.entries = state.entries.slice(-buffer.bufferMessages)
    }
    const listeners = [...state.listeners]
    queueMicrotask(() => {
      for (const listener of listeners) listener.entry(entry)
    })
    return entry
  }

  async read(key: string, after: number | null, buffer: SharedFeedBuffer): Promise<FeedEntry[]> {
    if (buffer.bufferMessages === 0) return []
    const now = Date.now()
    return (this.#feeds.get(key)?.entries ?? [])
      .slice(-buffer.bufferMessages)
      .filter((entry) => (after === null || entry.seq > after) && withinAge(entry, buffer, now))
  }

  async setStatus(key: string, token: number, status: UpstreamStatus): Promise<void> {
    const state = this.#feeds.get(key)
    if (!state || state.fence !== token) return
    state.status = status
    const listeners = [...state.listeners]
    queueMicrotask(() => {
      for (const listener of listeners) listener.status(status)
    })
  }

  async status(key: string): Promise<UpstreamStatus | null> {
    return this.#feeds.get(key)?.status ?? null
  }

  async watch(key: string, instance: string, ttlMs: number): Promise<void> {
    this.#state(key).watchers.set(instance, Date.now() + ttlMs)
  }

  async unwatch(key: string, instance: string): Promise<void> {
    this.#feeds.get(key)?.watchers.delete(instance)
    this.#forgetIfUnused(key)
  }

  async othersWatching(key: string, instance: string): Promise<boolean> {
    const now = Date.now()
    for (const [other, until] of this.#feeds.get(key)?.watchers ?? [])
      if (other !== instance && until > now) return true
    return false
  }

  async close(): Promise<void> {
    this.#feeds.clear()
  }
}
