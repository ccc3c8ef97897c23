import type { SharedFeedOptions } from '../feed/shared-feed.js'
import type { PayloadFormat, ProtobufPayload } from '../payload/format.js'
import type { ChannelInput } from '../protocols/channels.js'
import type { ProtocolOptions } from '../protocols/definitions.js'
import type { ServiceProtocol } from '../protocols/names.js'

/** One query parameter of a WebSocket service; its value is URL-encoded and appended to the URL. */
export interface QueryParamDefinition {
  name: string
  /** A missing value raises MISSING_REQUIRED_PARAMS when the URL is built. Defaults to false. */
  required?: boolean
  /** Used when the bound value is empty, undefined or null. */
  default?: string
  description?: string
}

/** One `{name}` placeholder in the URL path; path parameters are always required (a default satisfies that). */
export interface PathParamDefinition {
  name: string
  default?: string
  description?: string
}

/** Sample traffic captured while importing a service; responses feed schema inference. */
export interface ServiceSamples {
  /** The message sent to get the responses (e.g. a subscribe message). */
  request?: string
  responses: unknown[]
}

/**
 * A WebSocket service as saved in a project file. Plain JSON: it round-trips through
 * `JSON.stringify`/`JSON.parse` unchanged.
 */
export interface WebSocketServiceDefinition {
  /** An identifier: letters, digits and `_`, not starting with a digit. */
  name: string
  /**
   * A ws:// or wss:// URL template (http:// or https:// for `sse`); `{name}` placeholders in the path are
   * path parameters. A path such as `/websocket/chat` is relative: a variable resolves it against its
   * `baseUrl` (the browser app: the page).
   */
  url: string
  /**
   * What the service speaks on top of the connection: `websocket` (bare frames), `socket.io`, `stomp`,
   * `mqtt`, `graphql-ws` (graphql-transport-ws; `protocolOptions.legacy` for subscriptions-transport-ws) or
   * `sse` (Server-Sent Events over HTTP). Defaults to `websocket`.
   */
  protocol?: ServiceProtocol
  /** The protocol's options (namespace and auth, login, client id and QoS, connection params, headers…). Defaults to none. */
  protocolOptions?: ProtocolOptions
  /**
   * What to subscribe to (event names, destinations, topic filters, subscriptions, SSE event names); each
   * message carries its channel and a variable keeps one dataset per channel. Not for `websocket`.
   */
  channels?: ChannelInput[]
  /**
   * How messages are encoded: `json` (text: JSON, else XML, else the text), or a binary format whose
   * binary frames and broker payloads are decoded: `msgpack`, `cbor`, `protobuf` (with `protobuf`).
   * Not for `graphql-ws` and `sse` (text only). Defaults to `json`.
   */
  payloadFormat?: PayloadFormat
  /** For `payloadFormat: 'protobuf'`: the `.proto` source and the message type of every payload. */
  protobuf?: ProtobufPayload
  description?: string
  /** Declared query parameters. Names in the URL's own query string are added when not declared. */
  queryParams?: QueryParamDefinition[]
  /** Must match the URL's `{placeholders}`. Derived from the URL when omitted. */
  pathParams?: PathParamDefinition[]
  /** The RequestBody template sent on connect when non-empty. */
  requestBody?: string
  /** WebSocket subprotocols offered on connect (HTTP tokens, unique). Defaults to the protocol's own (e.g. `mqtt`). */
  subprotocols?: string[]
  /** Route the connection through the server's /api/proxy WebSocket endpoint. Defaults to false. */
  useProxy?: boolean
  /**
   * One upstream connection on the server for every viewer with the same resolved connection (URL,
   * subprotocols, RequestBody, secrets); viewers only receive, and a joining viewer gets the last
   * messages at once. Needs `useProxy`. `true` buffers 100 messages / 300 s; an object sets the
   * bounds. Defaults to false (one connection per viewer).
   */
  shared?: boolean | SharedFeedOptions
  samples?: ServiceSamples
  /** JSON Schema 2020-12 of the messages received (usually inferred from the samples). */
  schema?: Record<string, unknown>
}

/** A validated service: the definition plus the URL builder used by WebSocket variables. */
export interface WebSocketService {
  /** The definition exactly as given (frozen); `JSON.stringify(service)` writes it back. */
  readonly definition: WebSocketServiceDefinition
  readonly name: string
  /** Declared query parameters followed by those found only in the URL's query string. */
  readonly queryParams: readonly QueryParamDefinition[]
  /** Declared path parameters, or the ones derived from the URL's placeholders. */
  readonly pathParams: readonly PathParamDefinition[]
  /**
   * The concrete URL for the given parameter values (by parameter name).
   * Throws TetherError MISSING_REQUIRED_PARAMS or INVALID_URL.
   */
  buildUrl(values?: Record<string, unknown>): string
  toJSON(): WebSocketServiceDefinition
}
