import {
  encodeFeedError,
  encodeFeedMessage,
  encodeFeedStatus,
  SHARED_FEED_MAXIMA,
  type SharedFeedBuffer,
  type UpstreamStatus,
} from '@tether/core'
import WebSocket from 'ws'
import { ApiErrorCodes } from '../errors/index.js'
import { encodeTextFrame, FrameWriter } from '../fan-out/index.js'
import { CloseCodes, closeReason } from '../limits/index.js'
import type { FeedEntry, FeedStore } from './feed-store.js'

/** Where feeds report failures they recover from (the server log). */
export type FeedErrorReporter = (message: string, error: unknown) => void

function messageFrame(entry: FeedEntry): Buffer {
  const data = entry.kind === 'text' ? entry.payload : { base64: entry.payload }
  return encodeTextFrame(encodeFeedMessage(entry.seq, data))
}

const READ_ONLY = encodeTextFrame(
  encodeFeedError(
    ApiErrorCodes.FEED_READ_ONLY,
    'This service is shared: its viewers only receive; the message was not sent',
  ),
)

/** One viewer's connection to a feed on this instance. */
export class FeedViewer {
  /** The newest sequence number this viewer was sent; only later ones go out. */
  cursor = 0
  /** While joining, live entries wait here (bounded by the feed's join buffer); null once joined. */
  pending: FeedEntry[] | null = []
  readonly socket: WebSocket
  readonly writer: FrameWriter
  #leave: () => void

  constructor(socket: WebSocket, maxQueuedBytes: number, leave: () => void) {
    this.socket = socket
    this.#leave = leave
    this.writer = new FrameWriter(socket, maxQueuedBytes, () => this.#leave())
  }

  /** Viewers only receive: a message from one is answered with a refusal, the connection stays. */
  refuseSend(): void {
    this.writer.write(READ_ONLY)
  }

  overflow(): void {
    this.socket.close(CloseCodes.TRY_LATER, closeReason('Too many messages while joining: reconnect with since='))
    this.#leave()
  }

  /** The socket closed (or was closed): out of the feed. Safe to call more than once. */
  leave(): void {
    this.#leave()
  }
}

/**
 * A feed's viewers on this instance. Entries arrive from the store in sequence order; each is encoded
 * once and queued to every viewer's writer. A missing number (the store's subscription dropped) is
 * read back from the ring buffer before anything later is delivered, so viewers never see a gap the
 * buffer could fill, and never a number twice.
 */
export class Feed {
  readonly key: string
  readonly viewers = new Set<FeedViewer>()
  readonly #store: FeedStore
  readonly #buffer: SharedFeedBuffer
  readonly #report: FeedErrorReporter
  readonly #joinBufferMax: number
  #lastSeq: number | null = null
  #status: UpstreamStatus | null = null
  #catchingUp: Promise<void> | null = null
  #again = false
  #stop: (() => Promise<void>) | null = null
  #stopReconnect: (() => void) | null = null

  constructor(
    key: string,
    store: FeedStore,
    buffer: SharedFeedBuffer,
    report: FeedErrorReporter,
    joinBufferMax: number,
  ) {
    this.key = key
    this.#store = store
    this.#buffer = buffer
    this.#report = report
    this.#joinBufferMax = joinBufferMax
  }

  /** Subscribes first, then notes the newest buffered number: nothing appended after that is missed. */
  async start(): Promise<void> {
    this.#stop = await this.#store.subscribe(this.key, {
      entry: (entry) => this.#received(entry),
      status: (status) => this.#statusChanged(status),
    })
    this.#stopReconnect = this.#store.onReconnect(() => this.#catchUp())
    // Only the newest entry is needed, whatever its age.
    const newestOnly = { bufferMessages: 1, bufferSeconds: SHARED_FEED_MAXIMA.bufferSeconds }
    const [buffered, status] = await Promise.all([
      this.#buffer.bufferMessages > 0 ? this.#store.read(this.key, null, newestOnly) : [],
      this.#store.status(this.key),
    ])
    const newest = buffered.at(-1)?.seq ?? null
    if (newest !== null && (this.#lastSeq === null || newest > this.#lastSeq)) this.#lastSeq = newest
    if (status && this.#status === null) this.#status = status
  }

  async stop(): Promise<void> {
    this.#stopReconnect?.()
    await this.#stop?.()
  }

  /** Sends the buffer after `since` (all of it for null), then the live stream: no gap, no duplicate. */
  async join(viewer: FeedViewer, since: number | null): Promise<void> {
    // A viewer that left while the feed was starting must not be added (nothing would remove it).
    if (viewer.socket.readyState !== WebSocket.OPEN) return
    this.viewers.add(viewer)
    // A `since` beyond the newest number is from an older incarnation of the feed: send all there is.
    const after = since !== null && (this.#lastSeq === null || since > this.#lastSeq) ? null : since
    const backlog = await this.#store.read(this.key, after, this.#buffer)
    if (this.#status) viewer.writer.write(encodeTextFrame(encodeFeedStatus(this.#status)))
    viewer.cursor = after ?? 0
    for (const entry of backlog) {
      if (entry.seq <= viewer.cursor) continue
      viewer.cursor = entry.seq
      if (!(await viewer.writer.writePaced(messageFrame(entry)))) return
    }
    const pending = viewer.pending ?? []
    viewer.pending = null
    for (const entry of pending) {
      if (entry.seq <= viewer.cursor) continue
      viewer.cursor = entry.seq
      viewer.writer.write(messageFrame(entry))
    }
  }

  #received(entry: FeedEntry): void {
    if (this.#catchingUp) {
      this.#again = true
      return
    }
    const last = this.#lastSeq
    if (last !== null && entry.seq <= last) return
    // A jump: read the missing entries back first (unless nothing is buffered, then nothing can be).
    if (last !== null && entry.seq !== last + 1 && this.#buffer.bufferMessages > 0) {
      this.#catchUp()
      return
    }
    this.#deliver(entry)
  }

  #catchUp(): void {
    if (this.#catchingUp) {
      this.#again = true
      return
    }
    this.#catchingUp = (async () => {
      do {
        this.#again = false
        try {
          for (const entry of await this.#store.read(this.key, this.#lastSeq, this.#buffer)) this.#deliver(entry)
        } catch (error) {
          this.#report(`reading feed ${this.key.slice(0, 12)} back failed`, error)
          return
        }
      } while (this.#again)
    })().finally(() => {
      this.#catchingUp = null
    })
  }

  #deliver(entry: FeedEntry): void {
    if (this.#lastSeq !== null && entry.seq <= this.#lastSeq) return
    this.#lastSeq = entry.seq
    let frame: Buffer | null = null
    for (const viewer of this.viewers) {
      if (viewer.pending) {
        viewer.pending.push(entry)
        if (viewer.pending.length > this.#joinBufferMax) viewer.overflow()
      } else if (entry.seq > viewer.cursor) {
        viewer.cursor = entry.seq
        frame ??= messageFrame(entry)
        viewer.writer.write(frame)
      }
    }
  }

  #statusChanged(status: UpstreamStatus): void {
    this.#status = status
    const frame = encodeTextFrame(encodeFeedStatus(status))
    for (const viewer of this.viewers) viewer.writer.write(frame)
  }
}
