/**
 * How the test panel hears from a connection, whichever way it is made: a bare WebSocket
 * (`socket-transport.ts`) or core's protocol adapter of the service (`protocol-transport.ts`).
 */
export interface TransportHandlers {
  /** The connection is usable (the socket opened; for a protocol, its handshake is done). */
  opened(): void
  /**
   * One message. `payload` is a string (text frame), bytes (binary) or, for a protocol, the value its
   * adapter decoded; `channel` is the service's channel it came on; `size` is its size in bytes.
   */
  received(payload: unknown, channel: string | undefined, size: number): void
  /** A problem that does not end the connection (a refused subscription, a malformed message). */
  problem(message: string): void
  /**
   * The connection ended, exactly once. `opened` says whether it ever opened; `failure` is the protocol's
   * own explanation when it has one (bad credentials, a refused namespace).
   */
  closed(info: { code: number; reason: string; opened: boolean }, failure?: string): void
}

/** One test connection; `close` ends it without calling `closed`. */
export interface TestTransport {
  send(text: string): void
  close(): void
}
