import { type Broker, type BrokerHandler, deliver } from './broker.js'
import { ChannelHandlers } from './channel-handlers.js'

/**
 * The embedded broker for a single server process: no network, no loss. Messages are delivered on a
 * microtask (like a network broker, never inside `publish`'s caller) and in publish order.
 */
export class MemoryBroker implements Broker {
  readonly #channels = new ChannelHandlers()
  readonly #onError: (error: unknown) => void
  #closed = false

  constructor(options: { onError?: (error: unknown) => void } = {}) {
    this.#onError = options.onError ?? ((error) => console.error('broker subscriber failed', error))
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.#closed) throw new Error('The broker is closed.')
    const targets = this.#channels.targets(channel)
    if (targets.length === 0) return
    queueMicrotask(() => {
      for (const handler of targets) deliver(handler, message, this.#onError)
    })
  }

  async subscribe(channel: string, handler: BrokerHandler): Promise<() => Promise<void>> {
    if (this.#closed) throw new Error('The broker is closed.')
    const entry = this.#channels.add(channel, handler)
    return async () => {
      this.#channels.remove(channel, entry)
    }
  }

  onReconnect(_listener: () => void): () => void {
    // In-process delivery never disconnects.
    return () => {}
  }

  async ping(): Promise<void> {
    if (this.#closed) throw new Error('The broker is closed.')
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#channels.clear()
  }
}
