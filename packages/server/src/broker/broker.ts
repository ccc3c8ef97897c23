/** Receives one message published on a channel this handler subscribed to. */
export type BrokerHandler = (message: string) => void

/**
 * Fan-out of small text messages between the parts of one server and, with Redis, between server
 * instances. Delivery is ordered per publisher but may lose messages while a connection is down, so
 * users of a broker treat a message as a doorbell and keep their own source of truth (the chat reads
 * the database); `onReconnect` tells them when to catch up.
 *
 * @example
 * const off = await broker.subscribe('chat:general', (m) => console.log(m))
 * await broker.publish('chat:general', 'hello')
 * await off()
 */
export interface Broker {
  /** Sends `message` to every subscriber of `channel` on every instance (the publisher's own included). */
  publish(channel: string, message: string): Promise<void>
  /** Calls `handler` for each message on `channel` until the returned function is called. */
  subscribe(channel: string, handler: BrokerHandler): Promise<() => Promise<void>>
  /** Calls `listener` after the broker lost and regained its connection (messages may have been missed). */
  onReconnect(listener: () => void): () => void
  /** Resolves when the broker can reach its peers now (Redis answers a PING); rejects otherwise. */
  ping(): Promise<void>
  /** Drops every subscription and closes connections. Publishing afterwards rejects. */
  close(): Promise<void>
}

/**
 * `publish` while the broker cannot reach the other instances (Redis is down): nothing was sent.
 * Callers deliver locally; the other instances catch up through `onReconnect`.
 */
export class BrokerUnavailableError extends Error {
  readonly code = 'TETHER_BROKER_UNAVAILABLE'
  constructor() {
    super('Redis is not reachable; the message was not announced to other instances.')
    this.name = 'BrokerUnavailableError'
  }
}

/** Calls a handler so that one failing subscriber never stops delivery to the others. */
export function deliver(handler: BrokerHandler, message: string, onError: (error: unknown) => void): void {
  try {
    handler(message)
  } catch (error) {
    onError(error)
  }
}
