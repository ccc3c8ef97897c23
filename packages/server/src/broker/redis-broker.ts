import { Redis } from 'ioredis'
import { type Broker, type BrokerHandler, deliver } from './broker.js'
import { ChannelHandlers } from './channel-handlers.js'

/**
 * Redis pub/sub fan-out between server instances. One connection publishes, one subscribes (a
 * subscribed Redis connection can do nothing else). Redis keeps the order of one connection's
 * publishes but drops what is published while a subscriber is disconnected: `onReconnect` fires once
 * the subscriptions are back so subscribers can catch up from their own store.
 */
export class RedisBroker implements Broker {
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #channels = new ChannelHandlers()
  readonly #reconnectListeners = new Set<() => void>()
  readonly #onError: (error: unknown) => void
  #wasReady = false
  #closed = false

  constructor(url: string, options: { onError?: (error: unknown) => void; connectionName?: string } = {}) {
    this.#onError = options.onError ?? ((error) => console.error('broker subscriber failed', error))
    // Bounded retries: a publish fails after a while instead of waiting forever for Redis.
    const redisOptions = { maxRetriesPerRequest: 3, connectionName: options.connectionName ?? 'tether-broker' }
    this.#publisher = new Redis(url, redisOptions)
    this.#subscriber = new Redis(url, redisOptions)
    // Without listeners ioredis prints every connection error; the retry loop already handles them.
    this.#publisher.on('error', () => {})
    this.#subscriber.on('error', () => {})
    this.#subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.#channels.targets(channel)) deliver(handler, message, this.#onError)
    })
    this.#subscriber.on('ready', () => {
      if (!this.#wasReady) {
        this.#wasReady = true
        return
      }
      // ioredis re-sends SUBSCRIBE before 'ready'; a PING answered on the same connection proves
      // Redis has processed them, so a catch-up started now cannot miss a message.
      this.#subscriber.ping().then(
        () => {
          for (const listener of [...this.#reconnectListeners]) listener()
        },
        (error: unknown) => this.#onError(error),
      )
    })
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.#closed) throw new Error('The broker is closed.')
    await this.#publisher.publish(channel, message)
  }

  async subscribe(channel: string, handler: BrokerHandler): Promise<() => Promise<void>> {
    if (this.#closed) throw new Error('The broker is closed.')
    const entry = this.#channels.add(channel, handler)
    // Awaited every time (Redis answers in order), so once this resolves a message published by any
    // instance reaches the handler.
    await this.#subscriber.subscribe(channel)
    return async () => {
      if (this.#channels.remove(channel, entry) && !this.#closed) await this.#subscriber.unsubscribe(channel)
    }
  }

  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener)
    return () => this.#reconnectListeners.delete(listener)
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#channels.clear()
    this.#reconnectListeners.clear()
    await Promise.allSettled([this.#publisher.quit(), this.#subscriber.quit()])
  }
}
