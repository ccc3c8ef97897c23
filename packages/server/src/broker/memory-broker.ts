import { type Broker, type BrokerHandler, deliver } from './broker.js'

/**
 * The embedded broker for a single server process: no network, no loss. Messages are delivered on a
 * microtask (like a network broker, never inside `publish`'s caller) and in publish order.
 */
export class MemoryBroker implements Broker {
  readonly #channels = new Map<string, Set<BrokerHandler>>()
  readonly #onError: (error: unknown) => void
  #closed = false

  constructor(options: { onError?: (error: unknown) => void } = {}) {
    this.#onError = options.onError ?? ((error) => console.error('broker subscriber failed', error))
  }

  async publish(channel: string, message: string): Promise<void> {
    if (this.#closed) throw new Error('The broker is closed.')
    const handlers = this.#channels.get(channel)
    if (!handlers) return
    // Copy now: a handler subscribing or unsubscribing must not change who gets this message.
    const targets = [...handlers]
    queueMicrotask(() => {
      for (const handler of targets) deliver(handler, message, this.#onError)
    })
  }

  async subscribe(channel: string, handler: BrokerHandler): Promise<() => Promise<void>> {
    if (this.#closed) throw new Error('The broker is closed.')
    // A wrapper per call, so subscribing the same function twice needs two unsubscribes.
    const entry: BrokerHandler = (message) => handler(message)
    let handlers = this.#channels.get(channel)
    if (!handlers) {
      handlers = new Set()
      this.#channels.set(channel, handlers)
    }
    handlers.add(entry)
    return async () => {
      const current = this.#channels.get(channel)
      if (!current) return
      current.delete(entry)
      if (current.size === 0) this.#channels.delete(channel)
    }
  }

  onReconnect(_listener: () => void): () => void {
    // In-process delivery never disconnects.
    return () => {}
  }

  async close(): Promise<void> {
    this.#closed = true
    this.#channels.clear()
  }
}
