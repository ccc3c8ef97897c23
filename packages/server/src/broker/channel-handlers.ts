import type { BrokerHandler } from './broker.js'

/**
 * The local subscribers of each channel, shared by every broker implementation. Each subscription
 * gets its own entry, so subscribing the same function twice needs two unsubscribes.
 */
export class ChannelHandlers {
  readonly #channels = new Map<string, Set<BrokerHandler>>()

  /** Adds a subscription; the returned entry is what `remove` takes. */
  add(channel: string, handler: BrokerHandler): BrokerHandler {
    const entry: BrokerHandler = (message) => handler(message)
    let handlers = this.#channels.get(channel)
    if (!handlers) {
      handlers = new Set()
      this.#channels.set(channel, handlers)
    }
    handlers.add(entry)
    return entry
  }

  /** Removes a subscription; true when it was the channel's last one (the channel is then forgotten). */
  remove(channel: string, entry: BrokerHandler): boolean {
    const handlers = this.#channels.get(channel)
    if (!handlers?.delete(entry) || handlers.size > 0) return false
    this.#channels.delete(channel)
    return true
  }

  /**
   * The channel's subscribers right now, copied: a handler subscribing or unsubscribing must not change
   * who gets the message being delivered.
   */
  targets(channel: string): BrokerHandler[] {
    const handlers = this.#channels.get(channel)
    return handlers ? [...handlers] : []
  }

  /** Every channel with at least one subscriber. */
  channels(): string[] {
    return [...this.#channels.keys()]
  }

  clear(): void {
    this.#channels.clear()
  }
}
