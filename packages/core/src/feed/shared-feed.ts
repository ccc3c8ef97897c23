/**
 * How a shared service's feed is buffered on the server. A shared service has one upstream connection
 * for all its viewers; the server keeps the last messages so a viewer who joins (or comes back after a
 * short drop) gets them at once. Both bounds apply: at most `bufferMessages`, none older than
 * `bufferSeconds`.
 */
export interface SharedFeedOptions {
  /** Newest messages kept for joining viewers. Defaults to 100; at most 10,000 (`0` keeps none). */
  bufferMessages?: number
  /** Oldest message kept, in seconds. Defaults to 300; at most 3,600. */
  bufferSeconds?: number
}

/** The buffer bounds, resolved. */
export interface SharedFeedBuffer {
  bufferMessages: number
  bufferSeconds: number
}

export const SHARED_FEED_DEFAULTS: Readonly<SharedFeedBuffer> = Object.freeze({
  bufferMessages: 100,
  bufferSeconds: 300,
})
export const SHARED_FEED_MAXIMA: Readonly<SharedFeedBuffer> = Object.freeze({
  bufferMessages: 10_000,
  bufferSeconds: 3_600,
})

/** The buffer of a service's feed, or null when the service is not shared (one connection per viewer). */
export function sharedFeedBuffer(shared: boolean | SharedFeedOptions | undefined): SharedFeedBuffer | null {
  if (shared === undefined || shared === false) return null
  if (shared === true) return { ...SHARED_FEED_DEFAULTS }
  return {
    bufferMessages: shared.bufferMessages ?? SHARED_FEED_DEFAULTS.bufferMessages,
    bufferSeconds: shared.bufferSeconds ?? SHARED_FEED_DEFAULTS.bufferSeconds,
  }
}
