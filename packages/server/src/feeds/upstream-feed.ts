import type { UpstreamStatus } from '@tether/core'
import type WebSocket from 'ws'
import type { FeedEntry } from './feed-store.js'

/** Opens the feed's upstream connection (the proxy's connectUpstream, already bound to the target). */
export type ConnectUpstream = () => Promise<WebSocket>

/** Where the upstream's messages and status go: the feed store, under the holder's lease. */
export interface UpstreamSink {
  /** Stores and fans out one message; false when the lease was lost (the holder must stop). */
  message(fields: Omit<FeedEntry, 'seq'>): Promise<boolean>
  status(status: UpstreamStatus): void
  /** A write failed (Redis down…); the holder keeps going, the next message tries again. */
  failed(error: unknown): void
  /** Another instance holds the feed now. */
  fenced(): void
}

export interface UpstreamBackoff {
  initialDelayMs: number
  maxDelayMs: number
}

/** Messages read from the upstream but not yet stored; beyond, reading pauses until half are stored. */
export const UPSTREAM_PENDING_MAX = 1_000

/**
 * The one upstream connection of a feed, held by the instance that holds the feed's lease: it sends the
 * RequestBody on every open, stores every message in order, and reconnects with exponential backoff
 * (with jitter) until stopped. Its status goes to every viewer.
 */
export class UpstreamFeed {
  readonly #connect: ConnectUpstream
  readonly #body: string | null
  readonly #sink: UpstreamSink
  readonly #backoff: UpstreamBackoff
  #socket: WebSocket | null = null
  #attempts = 0
  #everOpened = false
  #stopped = false
  #retry: NodeJS.Timeout | undefined
  #pending = 0

  constructor(connect: ConnectUpstream, body: string | null, sink: UpstreamSink, backoff: UpstreamBackoff) {
    this.#connect = connect
    this.#body = body
    this.#sink = sink
    this.#backoff = backoff
  }

  start(): void {
    void this.#open()
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#retry)
    this.#socket?.close(1000)
    this.#socket = null
  }

  async #open(): Promise<void> {
    if (this.#stopped) return
    this.#attempts++
    // Later attempts were announced as 'reconnecting' when they were scheduled.
    if (this.#attempts === 1 && !this.#everOpened) this.#sink.status({ state: 'connecting', attempts: 1 })
    let socket: WebSocket
    try {
      socket = await this.#connect()
    } catch {
      this.#scheduleRetry()
      return
    }
    if (this.#stopped) {
      socket.terminate()
      return
    }
    this.#socket = socket
    this.#everOpened = true
    this.#attempts = 0
    socket.on('message', (data: Buffer, isBinary: boolean) => this.#received(socket, data, isBinary))
    socket.on('close', () => {
      if (this.#socket !== socket) return
      this.#socket = null
      this.#scheduleRetry()
    })
    socket.on('error', () => {})
    this.#sink.status({ state: 'open', attempts: 0 })
    if (this.#body !== null) socket.send(this.#body)
    socket.resume()
  }

  #received(socket: WebSocket, data: Buffer, isBinary: boolean): void {
    const fields: Omit<FeedEntry, 'seq'> = {
      at: Date.now(),
      kind: isBinary ? 'binary' : 'text',
      payload: isBinary ? data.toString('base64') : data.toString('utf8'),
    }
    // Sent to the store at once, not after the previous one is stored: the store keeps the order of
    // the calls (one Redis connection answers in order), and a holder that dies loses only what one
    // round trip had not stored yet instead of a whole queue.
    if (++this.#pending > UPSTREAM_PENDING_MAX && !socket.isPaused) socket.pause()
    this.#sink
      .message(fields)
      .then((stored) => {
        if (!stored && !this.#stopped) this.#sink.fenced()
      })
      .catch((error: unknown) => this.#sink.failed(error))
      .finally(() => {
        if (--this.#pending <= UPSTREAM_PENDING_MAX / 2 && socket.isPaused) socket.resume()
      })
  }

  #scheduleRetry(): void {
    if (this.#stopped) return
    this.#sink.status({ state: 'reconnecting', attempts: this.#attempts })
    const { initialDelayMs, maxDelayMs } = this.#backoff
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(this.#attempts, 20))
    // Full jitter: instances retrying a shared upstream after an outage do not stampede it.
    const delay = Math.max(initialDelayMs, Math.random() * ceiling)
    this.#retry = setTimeout(() => void this.#open(), delay)
  }
}
