import type { RoutesOptions } from '../dataset/index.js'
import type { OnNewData } from '../dataset/LiveDataset.js'
import { ErrorCodes, TetherError } from '../errors.js'
import type { CloseInfo, WebSocketConstructor } from '../protocols/socket.js'
import { isWebSocketService } from '../service/create-service.js'
import type { WebSocketService } from '../service/index.js'
import type { ReconnectOptions } from './backoff.js'
import { validateConnectOptions } from './connect-url.js'
import type { ConnectionStatus } from './connection-status.js'
import type { HeartbeatOptions } from './heartbeat.js'
import { type ResumeOptions, validateResumeOptions } from './resume.js'
import { DEFAULT_SEND_QUEUE_LIMIT } from './send-queue.js'
import type { WebSocketVariable } from './WebSocketVariable.js'

export type { CloseInfo, WebSocketConstructor, WebSocketLike } from '../protocols/socket.js'

/**
 * Every event handler is called `(variable, data, options)`: one signature for every event, so a handler
 * can be shared between variables (it is told which one) and written without knowing the event's shape.
 */
export type VariableHandler<Data, Info, Result = void> = (
  variable: WebSocketVariable,
  data: Data,
  options: Info,
) => Result

export interface VariableHandlers {
  /**
   * Before each connection attempt (retries included), with the URL about to be opened (resume and proxy
   * applied). Return `false` to abort (OPEN_CANCELLED).
   */
  onBeforeOpen?: VariableHandler<string, { url: string; isRetry: boolean }, unknown>
  /** The socket is open (after the RequestBody and the queued messages went out); `url` is the URL connected to. */
  onOpen?: VariableHandler<unknown, { url: string }>
  /**
   * Inside `send()`, with the channel it was sent to (if any). Return `false` to cancel; any other value
   * except `undefined` replaces the message.
   */
  onBeforeMessageSend?: VariableHandler<unknown, { channel?: string }, unknown>
  /**
   * Each received message, after parsing (for a protocol with channels: its payload, and `channel` says
   * which channel it came on). A returned value replaces the data; returning `false` DROPS the message (it
   * is counted in `status.messagesReceived` but reaches no dataset).
   */
  onMessageReceive?: VariableHandler<unknown, { raw: unknown; channel?: string }, unknown>
  /** Any failure, as a TetherError with a stable code. Without a handler the error is still in `status.lastError`. */
  onError?: VariableHandler<TetherError, { code: string }>
  /** Inside `close()`. Return `false` to keep the connection. */
  onBeforeClose?: VariableHandler<undefined, Record<string, never>, unknown>
  /** A connection that had opened has ended. */
  onClose?: VariableHandler<CloseInfo, { intentional: boolean; willReconnect: boolean }>
}

/** The event handler names, in the order they can fire (the page file's `events` keys for a WebSocket variable). */
export const VARIABLE_HANDLER_NAMES = [
  'onBeforeOpen',
  'onOpen',
  'onBeforeMessageSend',
  'onMessageReceive',
  'onError',
  'onBeforeClose',
  'onClose',
] as const satisfies readonly (keyof VariableHandlers)[]

export interface WebSocketVariableOptions extends VariableHandlers {
  /**
   * The service to connect to: `defineWebSocketService(definition)` (validates it), or
   * `trustedWebSocketService(definition)` for one validated elsewhere. A variable takes no raw definition,
   * so running one never loads the validation code (a browser app stays small).
   */
  service: WebSocketService
  name: string
  /** `page` variables are disposed when their page is left; `app` variables live as long as the app. Defaults to `'page'`. */
  owner?: 'page' | 'app'
  /** Open on the next microtask after construction. Defaults to true. */
  connectOnLoad?: boolean
  /** How a message changes `dataSet`. Defaults to `'refresh'` (dataSet = latest message). */
  onNewData?: OnNewData
  /** Field identifying a record for `upsert`. */
  keyField?: string
  /** Records kept by list policies, at most MAX_DATA_LIMIT (100,000); 0 keeps up to that; the oldest is evicted. Defaults to 20. */
  dataLimit?: number
  /** Keep only records newer than this (ms). Defaults to no window. */
  timeWindowMs?: number
  /** Field with the record's time (epoch ms or ISO) for `timeWindowMs`. Defaults to the arrival time. */
  timeField?: string
  /** Query/path parameter values by name, and `RequestBody`. Defaults to `{}`. */
  dataBinding?: Record<string, unknown>
  /** Feed named datasets (`variable.datasets`) by a discriminator field. Defaults to none. */
  routes?: RoutesOptions
  /** Automatic reconnect with exponential backoff and jitter; `false` turns it off. Defaults to on. */
  reconnect?: false | ReconnectOptions
  /**
   * How long one attempt may take to open (TCP, TLS and the WebSocket upgrade). A server that accepts
   * the TCP connection but never answers the upgrade fails the attempt with CONNECT_FAILED, which is
   * retried like any other failure. Defaults to 10,000 ms.
   */
  connectTimeoutMs?: number
  /** Messages kept while not open; beyond it `send` reports SEND_QUEUE_FULL. Defaults to 100. */
  sendQueueLimit?: number
  /**
   * Send the RequestBody again on every new connection (a subscribe message must be). Turn off for
   * services where the RequestBody is a one-off message, such as a chat line. Defaults to true.
   */
  resendRequestBodyOnReconnect?: boolean
  /**
   * Resume after a reconnect without losing or repeating records: once a record has been received, every
   * later connection sets query parameter `param` to the `field` of the newest record received, and
   * records at or before it are dropped as duplicates (see `ResumeOptions`). The first connection uses
   * the bindings alone (e.g. `?history=20`). A `param` the service does not declare is appended to the
   * URL anyway. Changing a binding that changes the URL starts a new stream (the position is forgotten).
   * Example: `{ param: 'since', field: 'id' }`. Defaults to off.
   */
  resume?: ResumeOptions
  /**
   * Where a relative service URL (`/websocket/chat`) is resolved: a ws:// or wss:// origin such as
   * `ws://localhost:8080` (http(s) is accepted and mapped to ws(s)); only its origin is used. Absolute
   * service URLs ignore it. Defaults to none: a relative service then fails with INVALID_URL on connect.
   */
  baseUrl?: string
  /**
   * The Tether server's proxy endpoint (e.g. `ws://localhost:8080/api/proxy`), used for services with
   * `useProxy: true`: the variable connects to `<proxyUrl>?url=<encoded service URL>`. Defaults to none:
   * such a service then fails with PROXY_NOT_CONFIGURED on connect.
   */
  proxyUrl?: string
  /** Idle timeout (and optional ping) to detect a dead connection. Defaults to off. */
  heartbeat?: false | HeartbeatOptions
  /** The WebSocket implementation (e.g. `WebSocket` from `ws` in Node). Defaults to `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor
}

/** What `getSnapshot()` returns: immutable, and the same object until something changes. */
export interface VariableSnapshot {
  readonly dataSet: unknown
  readonly firstRecord: unknown
  readonly lastRecord: unknown
  readonly status: ConnectionStatus
  readonly datasets: Readonly<Record<string, readonly unknown[]>>
}

/**
 * Throws INVALID_VARIABLE_OPTIONS for options a variable cannot run with (checked at construction, so
 * a typo fails where it is made, not at the first connect). Returns the send queue limit.
 */
export function validateVariableOptions(options: WebSocketVariableOptions): number {
  const invalid = (path: string, message: string, detail = 'Required.') =>
    new TetherError(ErrorCodes.INVALID_VARIABLE_OPTIONS, message, { details: [{ path, message: detail }] })
  if (typeof options?.name !== 'string' || options.name === '') {
    throw invalid('name', 'A WebSocket variable needs a name.')
  }
  if (options.service === undefined || options.service === null) {
    throw invalid('service', `Variable '${options.name}' needs a service.`)
  }
  if (!isWebSocketService(options.service)) {
    throw invalid(
      'service',
      `Variable '${options.name}' needs a defined service: pass defineWebSocketService(definition), which validates it.`,
      'Use defineWebSocketService(definition).',
    )
  }
  const queueLimit = options.sendQueueLimit ?? DEFAULT_SEND_QUEUE_LIMIT
  if (!Number.isInteger(queueLimit) || queueLimit < 0) {
    throw invalid('sendQueueLimit', 'sendQueueLimit must be a whole number ≥ 0.', 'Use a whole number ≥ 0.')
  }
  const { connectTimeoutMs, reconnect } = options
  if (connectTimeoutMs !== undefined && !(Number.isFinite(connectTimeoutMs) && connectTimeoutMs > 0)) {
    throw invalid('connectTimeoutMs', 'connectTimeoutMs must be a number of milliseconds > 0.', 'Use a number > 0.')
  }
  const minUptimeMs = reconnect === false ? undefined : reconnect?.minUptimeMs
  if (minUptimeMs !== undefined && !(Number.isFinite(minUptimeMs) && minUptimeMs >= 0)) {
    throw invalid(
      'reconnect.minUptimeMs',
      'reconnect.minUptimeMs must be a number of milliseconds ≥ 0.',
      'Use a number ≥ 0.',
    )
  }
  validateConnectOptions(options)
  validateResumeOptions(options.resume)
  return queueLimit
}
