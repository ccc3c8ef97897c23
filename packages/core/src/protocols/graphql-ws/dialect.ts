import type { ProtocolFailure } from '../adapter.js'
import type { CloseInfo } from '../socket.js'

/** What a GraphQL-over-WebSocket server said, whichever of the two protocols it speaks. */
export type ServerMessage =
  | { kind: 'ack' }
  /** The server refused the connection (legacy `connection_error`): its payload. */
  | { kind: 'refused'; payload: unknown }
  | { kind: 'result'; id: string; payload: unknown }
  | { kind: 'error'; id: string; payload: unknown }
  | { kind: 'complete'; id: string }
  /** A ping to answer with `reply`. */
  | { kind: 'ping'; reply: string }
  /** Keep-alives and pongs: proof of life, nothing else. */
  | { kind: 'alive' }
  | { kind: 'invalid'; reason: string }

/** One GraphQL-over-WebSocket protocol: its subprotocol and its frames. */
export interface GraphqlDialect {
  readonly subprotocol: string
  init(connectionParams: Record<string, unknown> | undefined): string
  subscribe(id: string, payload: { query: string; variables?: Record<string, unknown> }): string
  stop(id: string): string
  /** Sent before closing on purpose, when the protocol has such a goodbye. */
  readonly goodbye: string | undefined
  read(data: unknown): ServerMessage
  /** Why a connection closed with `info` before it was acknowledged, when the close code says so. */
  refusedBy(info: CloseInfo): ProtocolFailure | undefined
}
