import { Redis } from 'ioredis'
import { type Broker, type BrokerHandler, BrokerUnavailableError, deliver } from './broker.js'
import { ChannelHandlers } from './channel-handlers.js'

/** How long a command may wait for Redis's answer: a Redis that hangs must not hold a post up. */
const COMMAND_TIMEOUT_MS = 2000

/** Resolves once `redis` is ready or its first attempt failed, whichever comes first. */
function firstAttempt(redis: Redis): Promise<void> {
  return new Promise((resolve) => {
    redis.once('ready', resolve)
    redis.once('close', resolve)
    redis.once('error', resolve)
  })
}

export interface RedisBrokerOptions {
  /** Where a failing subscriber or a failed resubscription is reported. */
  onError?: (error: unknown) => void
  /** Where losing and regaining Redis is reported (once each per outage). */
  onStatus?: (message: string) => void
  connectionName?: string
}

/**
 * Redis pub/sub fan-out between server instances. One connection publishes, one subscribes (a
 * subscribed Redis connection can do nothing else). Redis keeps the order of one connection's
 * publishes but drops what is published while a subscriber is disconnected: `onReconnect` fires once
 * the subscriptions are back so subscribers can catch up from their own store.
 *
 * While Redis is away nothing waits for it: `publish` rejects at once with `BrokerUnavailableError`
 * (callers deliver locally), `subscribe` records the channel and returns, and every channel is
 * subscribed again when Redis is back (then `onReconnect` fires). Only the very first connection
 * attempt is waited for, so that a broker used right after it is built does not miss messages.
 */
export class RedisBroker implements Broker {
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #publisherStarted: Promise<void>
  readonly #subscriberStarted: Promise<void>
  readonly #channels = new ChannelHandlers()
  readonly #reconnectListeners = new Set<() => void>()
  readonly #onError: (error: unknown) => void
  readonly #onStatus: (message: string) => void
  /**
   * The last message of each channel that could not be published, sent once the publisher is back:
   * other instances may have their subscriptions up all along and would otherwise wait for the next
   * doorbell. One per channel (a doorbell's content is only "read new rows").
   */
  readonly #unannounced = new Map<string, string>()
  #lost = false
  #closed = false

  constructor(url: string, options: RedisBrokerOptions = {}) {
    this.#onError = options.onError ?? ((error) => console.error('broker subscriber failed', error))
    this.#onStatus = options.onStatus ?? ((message) => console.warn(message))
    const redisOptions = {
      connectionName: options.connectionName ?? 'tether-broker',
      // Commands fail at once while Redis is away instead of queueing (and piling up) until it returns.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: COMMAND_TIMEOUT_MS,
      // Resubscribed below, on every 'ready', from the channels registered here.
      autoResubscribe: false,
    }
    this.#publisher = new Redis(url, redisOptions)
    this.#subscriber = new Redis(url, redisOptions)
    this.#publisherStarted = firstAttempt(this.#publisher)
    this.#subscriberStarted = firstAttempt(this.#subscriber)
    // Without listeners ioredis prints every connection error; the retry loop already handles them.
    this.#publisher.on('error', () => {})
    this.#subscriber.on('error', () => {})
    this.#subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.#channels.targets(channel)) deliver(handler, message, this.#onError)
    })
    this.#subscriber.on('ready', () => void this.#resubscribe())
    this.#publisher.on('ready', () => void this.#announceMissed())
    this.#subscriber.on('close', () => this.#noteLost())
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.#closed) throw new Error('The broker is closed.')
    await this.#publisherStarted
    try {
      if (this.#publisher.status !== 'ready') throw new BrokerUnavailableError()
      await this.#publisher.publish(channel, message)
    } catch (error) {
      this.#unannounced.set(channel, message)
      throw error
    }
  }

  async subscribe(channel: string, handler: BrokerHandler): Promise<() => Promise<void>> {
    if (this.#closed) throw new Error('The broker is closed.')
    const entry = this.#channels.add(channel, handler)
    await this.#subscriberStarted
    // Awaited while connected (Redis answers in order), so once this resolves a message published by
    // any instance reaches the handler. While Redis is away the channel is subscribed on its return.
    if (this.#subscriber.status === 'ready') await this.#subscriber.subscribe(channel).catch(() => {})
    return async () => {
      if (!this.#channels.remove(channel, entry) || this.#closed || this.#subscriber.status !== 'ready') return
      await this.#subscriber.unsubscribe(channel).catch(() => {})
    }
  }

  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener)
    return () => this.#reconnectListeners.delete(listener)
  }

  async ping(): Promise<void> {
    if (this.#publisher.status !== 'ready') throw new BrokerUnavailableError()
    await this.#publisher.ping()
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#channels.clear()
    this.#reconnectListeners.clear()
    this.#unannounced.clear()
    // quit() says goodbye to a live Redis; disconnect() also stops the retry loop of a dead one.
    await Promise.allSettled(
      [this.#publisher, this.#subscriber].map((redis) =>
        redis.status === 'ready' ? redis.quit() : Promise.resolve(redis.disconnect()),
      ),
    )
  }

  async #announceMissed(): Promise<void> {
    for (const [channel, message] of [...this.#unannounced]) {
      this.#unannounced.delete(channel)
      await this.#publisher.publish(channel, message).catch(() => this.#unannounced.set(channel, message))
    }
  }

  #noteLost(): void {
    if (this.#lost || this.#closed) return
    this.#lost = true
    this.#onStatus(
      'Redis connection lost: chat messages are delivered on this instance only until it returns; other instances catch up then',
    )
  }

  /** Subscribes every registered channel again, then tells the listeners to catch up. */
  async #resubscribe(): Promise<void> {
    const channels = this.#channels.channels()
    try {
      if (channels.length > 0) await this.#subscriber.subscribe(...channels)
      // A PING answered on the same connection proves Redis has processed the SUBSCRIBEs, so a
      // catch-up started now cannot miss a message.
      await this.#subscriber.ping()
    } catch (error) {
      this.#onError(error) // the next 'ready' tries again
      return
    }
    if (this.#lost) {
      this.#lost = false
      this.#onStatus('Redis connection back: instances exchange chat messages again')
    }
    for (const listener of [...this.#reconnectListeners]) listener()
  }
}
