import type { SharedFeedBuffer, UpstreamStatus } from '@tether/core'

/** One upstream message as the feed keeps it: text as is, binary as base64. */
export interface FeedEntry {
  /** The feed's sequence number: increasing, never reused, also across restarts and takeovers. */
  seq: number
  /** When the server received it (epoch ms); entries older than the buffer's seconds are not replayed. */
  at: number
  kind: 'text' | 'binary'
  payload: string
}

/** What a feed's subscribers get, in the order the holder appended it. */
export interface FeedListener {
  entry(entry: FeedEntry): void
  status(status: UpstreamStatus): void
}

/**
 * Where the feeds of a server (or of a cluster, with Redis) keep their shared state: who holds each
 * feed's upstream (a lease with a fencing token), the ring buffer with the sequence numbers, the
 * upstream's status, which instances have viewers, and the fan-out of new entries. The in-process
 * store serves one server; the Redis store a cluster. Both pass the same test suite (feed-store.test.ts).
 */
export interface FeedStore {
  /** Calls `listener` for every entry and status of `key` appended from now on, until unsubscribed. */
  subscribe(key: string, listener: FeedListener): Promise<() => Promise<void>>
  /** Called after the store lost and regained its subscriptions: entries may have been missed. */
  onReconnect(listener: () => void): () => void
  /** Takes the lease of `key` for `ttlMs` if nobody holds it; the fencing token, or null. */
  acquire(key: string, holder: string, ttlMs: number): Promise<number | null>
  /** Extends a lease still held with `token`; false when it was lost (expired and taken). */
  renew(key: string, holder: string, token: number, ttlMs: number): Promise<boolean>
  release(key: string, holder: string, token: number): Promise<void>
  /**
   * Appends an entry (it gets the next sequence number) and fans it out, unless `token` is no longer the
   * feed's newest: a holder that lost its lease cannot write. The entry, or null when fenced out.
   * Appends called one after another are stored in that order, without waiting for each other.
   */
  append(key: string, token: number, entry: Omit<FeedEntry, 'seq'>, buffer: SharedFeedBuffer): Promise<FeedEntry | null>
  /** Buffered entries after `after` (all buffered ones for null), oldest first, within the buffer's bounds. */
  read(key: string, after: number | null, buffer: SharedFeedBuffer): Promise<FeedEntry[]>
  /** Records and fans out the upstream's status (fenced like `append`). */
  setStatus(key: string, token: number, status: UpstreamStatus): Promise<void>
  /** The last status set, if any. */
  status(key: string): Promise<UpstreamStatus | null>
  /** Says that `instance` has viewers of `key` for the next `ttlMs` (renewed while it has). */
  watch(key: string, instance: string, ttlMs: number): Promise<void>
  unwatch(key: string, instance: string): Promise<void>
  /** Whether an instance other than `instance` has viewers of `key`. */
  othersWatching(key: string, instance: string): Promise<boolean>
  close(): Promise<void>
}

/**
 * The first sequence number of a feed that has none (yet, or any more): the clock in milliseconds, so
 * numbers keep growing across a feed that was forgotten and opened again, as long as it averaged fewer
 * than 1,000 messages a second. A viewer's `since` beyond the newest number gets the whole buffer.
 */
export function firstSequence(): number {
  return Date.now()
}

/** Whether an entry is still within the buffer's age bound at `now`. */
export function withinAge(entry: { at: number }, buffer: SharedFeedBuffer, now: number): boolean {
  return entry.at >= now - buffer.bufferSeconds * 1000
}
