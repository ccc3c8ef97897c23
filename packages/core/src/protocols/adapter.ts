import type { TetherError } from '../errors.js'
import type { PayloadFormat } from '../payload/format.js'
import type { ChannelDefinition } from './channels.js'
import type { ProtocolOptions } from './definitions.js'
import type { CloseInfo, WebSocketConstructor } from './socket.js'

/**
 * What a protocol adapter is told about its service when a variable creates it (once per variable; the
 * adapter may keep resume state across the variable's connections).
 */
export interface ProtocolServiceInfo {
  /** The service's name, for messages. */
  readonly name: string
  readonly protocolOptions: ProtocolOptions | undefined
  /** The declared channels, as objects. */
  readonly channels: readonly ChannelDefinition[]
  /** Subprotocols the definition lists; an adapter offers its protocol's own when there are none. */
  readonly subprotocols: readonly string[] | undefined
  /**
   * A binary `payloadFormat` (MessagePack, CBOR, Protocol Buffers): hand payloads on as bytes
   * (`Uint8Array`), even when they happen to be valid UTF-8; the variable decodes them. Defaults to json.
   */
  readonly payloadFormat?: PayloadFormat
}

/** One connection attempt. */
export interface ConnectContext {
  /** The URL to open: the service URL for the current bindings, resume and proxy applied. */
  readonly url: string
  /** The WebSocket implementation (checked by the variable for every protocol over a WebSocket; SSE gets none). */
  readonly WebSocket: WebSocketConstructor
  /** The bound RequestBody, or undefined; SSE sends it as the body of a POST. */
  readonly requestBody: unknown
}

/** A failure that ends the connection, as the protocol explained it. */
export interface ProtocolFailure {
  error: TetherError
  /** False when trying again cannot help (bad credentials, a refused namespace): no retry storm. */
  retryable: boolean
}

/**
 * How an adapter reports to the variable. Every call is ignored once the connection was replaced, so an
 * adapter never has to know whether it is still current.
 */
export interface ProtocolEvents {
  /** The protocol's handshake is done (CONNECTED, connection_ack, the namespace joined…): the variable is open. */
  opened(event: unknown): void
  /**
   * One message. `payload` is decoded (text through `parseMessage`: JSON, XML, else text); `channel` is
   * the declared channel it belongs to (undefined for a bare WebSocket); `raw` is what arrived.
   */
  received(payload: unknown, channel: string | undefined, raw: unknown): void
  /** A frame that is not a message (a protocol ping, an ack) arrived: the connection is alive. */
  alive(): void
  /** A problem that does not end the connection (one subscription refused, a malformed message). */
  problem(error: TetherError): void
  /**
   * The connection ended — exactly once per connection, also when it never opened. `failure` says why when
   * the protocol knows better than the close code (bad credentials: AUTH_FAILED, not retryable).
   */
  closed(info: CloseInfo, failure?: ProtocolFailure): void
}

/** One live connection of an adapter. */
export interface ProtocolConnection {
  /** True while `send` can write now: the transport is open and the handshake done. */
  readonly writable: boolean
  /**
   * Encodes one message for `channel` (undefined: the protocol's default, e.g. Socket.IO's `message`
   * event) and writes it. Throws a TetherError (SEND_FAILED) when it cannot.
   */
  send(message: unknown, channel: string | undefined): void
  /** Ends the connection in order (the protocol's goodbye, then the transport's close); `closed` follows. */
  close(reason: string): void
  /** Drops the connection at once (a dead peer); `closed` may follow. */
  terminate(): void
}

/**
 * A protocol's wire side. The variable keeps the one lifecycle (status, backoff, heartbeat, send queue,
 * events, error codes); the adapter only frames: handshake, subscriptions, decoding, encoding and the
 * protocol's own keep-alive.
 */
export interface ProtocolAdapter {
  /** Opens one connection. May throw (a TetherError, or anything: reported as CONNECT_FAILED). */
  connect(context: ConnectContext, events: ProtocolEvents): ProtocolConnection
  /** The bindings now point at another stream: forget any resume position (SSE id, Socket.IO offset…). */
  forget?(): void
}

/** What each protocol module (`protocols/<name>/index.ts`) exports; loaded by dynamic import. */
export interface ProtocolModule {
  createAdapter(service: ProtocolServiceInfo): ProtocolAdapter
}
