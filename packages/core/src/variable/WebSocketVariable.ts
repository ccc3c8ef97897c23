import { LiveDataset } from '../dataset/LiveDataset.js'
import { PruneTimer } from '../dataset/prune-timer.js'
import { DatasetRouter } from '../dataset/routing.js'
import { ErrorCodes, TetherError } from '../errors.js'
import { type BinaryPayloadDecoder, binaryFormatOf, loadPayloadDecoder } from '../payload/index.js'
import type { ProtocolAdapter } from '../protocols/adapter.js'
import { type ChannelDefinition, normalizeChannels } from '../protocols/channels.js'
import { loadedProtocol, loadProtocol } from '../protocols/load.js'
import { type ServiceProtocol, transportOf } from '../protocols/names.js'
import { parseMessage } from '../protocols/parse-message.js'
import { createAdapter as createWebSocketAdapter } from '../protocols/websocket/index.js'
import { loadXmlParser } from '../protocols/xml.js'
import type { WebSocketService } from '../service/index.js'
import { resolveReconnect } from './backoff.js'
import { ChangeNotifier } from './change-notifier.js'
import { buildConnectUrl, resolveServiceBase } from './connect-url.js'
import { DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js'
import { ConnectionLifecycle } from './connection-lifecycle.js'
import type { ConnectionStatus } from './connection-status.js'
import { EventHandlers } from './event-handlers.js'
import { HeldFrames } from './held-frames.js'
import { type VariableSnapshot, validateVariableOptions, type WebSocketVariableOptions } from './options.js'
import { toFrame } from './outgoing.js'
import { ResumeCursor } from './resume.js'
import { Sender } from './sender.js'
import { SharedFeedReader } from './shared-feed.js'

const NO_DATASETS: Readonly<Record<string, readonly unknown[]>> = Object.freeze({})

/**
 * A live connection to a WebSocket service whose messages fill `dataSet`. Framework-free: read it with
 * `getSnapshot()` and `subscribe()`. Reconnects with backoff unless `close()` was called; sends made
 * while not open wait in a bounded queue. Failures never throw from callbacks: they become
 * `status.lastError` and an `onError` call.
 *
 * This class is the public face; the work is done by the parts it wires together: `ConnectionLifecycle`
 * (connect, reconnect, heartbeat, close), `Sender` (send path and queue), `ChangeNotifier` (status,
 * snapshot, subscribers), `ResumeCursor` (resume and de-duplication) and the datasets.
 *
 * @example
 * const v = new WebSocketVariable({ service, name: 'heartrate', onNewData: 'addAsLast', connectOnLoad: false })
 * v.subscribe(() => console.log(v.getSnapshot().lastRecord))
 * await v.open()
 */
export class WebSocketVariable {
  readonly name: string
  readonly owner: 'page' | 'app'
  /** The service as given (its url may be relative; connections use it resolved against `baseUrl`). */
  readonly service: WebSocketService
  private readonly options: WebSocketVariableOptions
  private readonly target: WebSocketService
  private readonly dataset: LiveDataset
  private readonly router: DatasetRouter | undefined
  private readonly notifier: ChangeNotifier
  private readonly events: EventHandlers
  private readonly sender: Sender
  private readonly lifecycle: ConnectionLifecycle
  private readonly resume: ResumeCursor | undefined
  /** Set for a shared service: the server's feed frames are unwrapped here, and sends are refused. */
  private readonly feed: SharedFeedReader | undefined
  private readonly protocol: ServiceProtocol
  private readonly channels: readonly ChannelDefinition[]
  /** Created on the first connect, once the protocol's code is loaded; kept for the variable's life (resume state). */
  private adapter: ProtocolAdapter | undefined
  /** Loaded with the adapter for a service with a binary payloadFormat; decodes the bytes it hands on. */
  private payloadDecoder: BinaryPayloadDecoder | undefined
  private bindings: Record<string, unknown>
  private autoOpenPending = false
  private disposed = false
  private readonly pruneTimer: PruneTimer
  /** Messages held in order while the XML parser loads (with the first XML frame). */
  private readonly held = new HeldFrames(
    (payload, channel, raw) => {
      if (!this.disposed) this.decodeAndIngest(payload, channel, raw)
    },
    (raw) => parseMessage(raw),
  )

  constructor(options: WebSocketVariableOptions) {
    const queueLimit = validateVariableOptions(options)
    this.options = options
    this.name = options.name
    this.owner = options.owner ?? 'page'
    this.service = options.service
    this.target = resolveServiceBase(this.service, options.baseUrl)
    this.protocol = this.service.definition.protocol ?? 'websocket'
    this.channels = normalizeChannels(this.service.definition.channels)
    this.dataset = new LiveDataset(options)
    this.router = createRouter(options, this.channels)
    this.resume = options.resume === undefined ? undefined : new ResumeCursor(options.resume)
    this.pruneTimer = new PruneTimer(options.timeWindowMs, () => this.dataset.prune() && this.notifier.changed())
    this.bindings = { ...options.dataBinding }
    this.notifier = new ChangeNotifier(this.name, () => {
      const view = this.dataset.view()
      const datasets = this.router?.lists() ?? NO_DATASETS
      return { dataSet: view.dataSet, firstRecord: view.firstRecord, lastRecord: view.lastRecord, datasets }
    })
    this.events = new EventHandlers(this, options, this.notifier)
    const shared = this.service.definition.shared
    this.feed = shared === undefined || shared === false ? undefined : new SharedFeedReader(this.notifier, this.events)
    this.sender = new Sender(
      this.name,
      this.protocol,
      queueLimit,
      options.resendRequestBodyOnReconnect !== false,
      this.events,
    )
    this.lifecycle = new ConnectionLifecycle({
      name: this.name,
      notifier: this.notifier,
      events: this.events,
      WebSocket: options.WebSocket,
      transport: transportOf(this.protocol),
      heartbeat: options.heartbeat,
      reconnect: resolveReconnect(options.reconnect),
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      connectUrl: () => this.connectUrl(),
      adapter: () => this.protocolAdapter(),
      requestBody: () => this.requestBody(),
      // A shared feed's RequestBody travels on the URL: the server sends it upstream, once for everyone.
      opened: (connection, isCurrent) =>
        this.sender.flushOnOpen(connection, this.feed ? undefined : this.requestBody(), isCurrent),
      received: (payload, channel, raw) => {
        if (this.feed === undefined) this.held.receive(payload, channel, raw, loadXmlParser)
        else {
          const message = this.feed.read(raw)
          if (message !== undefined) this.held.receive(parseMessage(message), channel, message, loadXmlParser)
        }
      },
      ping: (connection, message) => this.sender.ping(connection, message),
      active: (on) => (on ? this.pruneTimer.start() : this.pruneTimer.stop()),
    })
    if (options.connectOnLoad ?? true) {
      this.autoOpenPending = true
      queueMicrotask(() => {
        // Failures are already in status.lastError and onError; nobody awaits this promise.
        if (this.autoOpenPending) this.open().catch(() => {})
      })
    }
  }

  // ── What bindings read ────────────────────────────────────────────────────────────────────────────
  get dataSet(): unknown {
    return this.getSnapshot().dataSet
  }
  get firstRecord(): unknown {
    return this.getSnapshot().firstRecord
  }
  get lastRecord(): unknown {
    return this.getSnapshot().lastRecord
  }
  get datasets(): Readonly<Record<string, readonly unknown[]>> {
    return this.getSnapshot().datasets
  }
  get status(): ConnectionStatus {
    return this.notifier.status
  }
  get onNewData() {
    return this.dataset.onNewData
  }
  /** Messages waiting in the send queue for the socket to open. */
  get queuedMessages(): number {
    return this.sender.queued
  }
  get dataLimit(): number {
    return this.dataset.dataLimit
  }
  /** Lowering the limit shrinks `dataSet` at once, evicting the oldest records. */
  set dataLimit(limit: number) {
    this.dataset.setDataLimit(limit)
    this.notifier.changed()
  }
  /** The current data binding values (query/path params and RequestBody). */
  get dataBinding(): Readonly<Record<string, unknown>> {
    return this.bindings
  }

  /** Immutable; the same object until something changes (for `useSyncExternalStore`). */
  getSnapshot(): VariableSnapshot {
    return this.notifier.getSnapshot()
  }

  /** Called after changes, at most once per microtask however many messages arrived. */
  subscribe(listener: () => void): () => void {
    return this.notifier.subscribe(listener)
  }

  // ── Methods ─────────────────────────────────────────────────────────────────────────────────────
  /**
   * Connects (or joins the attempt in progress). Resolves when the socket is really open; rejects with a
   * coded TetherError when this attempt fails — automatic reconnect, if enabled, carries on regardless.
   */
  open(): Promise<void> {
    this.autoOpenPending = false
    return this.lifecycle.open()
  }

  /** Same as open(). */
  invoke(): Promise<void> {
    return this.open()
  }

  /** Same as close(). */
  cancel(): Promise<void> {
    return this.close()
  }

  /** Reconnects with the current bindings (closing the current connection first, if any). */
  update(): Promise<void> {
    this.autoOpenPending = false
    return this.lifecycle.reconnect()
  }

  /**
   * Ends the connection and stops reconnecting. Never opens a socket; safe with no socket, after an
   * error and when called twice. `onBeforeClose` returning false keeps the connection.
   */
  close(): Promise<void> {
    const closing = this.lifecycle.closingPromise
    if (closing !== null) return closing
    if (this.events.call('onBeforeClose', undefined, {}) === false) return Promise.resolve()
    this.autoOpenPending = false
    return this.lifecycle.close()
  }

  /** Sets one data binding (a query/path param or `RequestBody`); a changed URL reconnects. */
  setInput(name: string, value: unknown): void {
    this.setDataBinding({ [name]: value })
  }

  /**
   * Merges data binding values; when the resulting URL differs, an open (or wanted) connection
   * reconnects — as a new stream, so the resume position is forgotten.
   */
  setDataBinding(values: Record<string, unknown>): void {
    const before = this.urlKey()
    this.bindings = { ...this.bindings, ...values }
    if (this.urlKey() === before) return
    this.resume?.reset()
    this.feed?.reset()
    this.adapter?.forget?.()
    if (this.lifecycle.wantsOpen) this.update().catch(() => {})
  }

  /**
   * Sends a message: no argument sends the bound RequestBody; strings and binary as they are, anything
   * else as JSON (`0`, `""` and `false` included). While not open the message waits in the bounded queue.
   * `channel` is where a protocol sends it: the Socket.IO event emitted, the STOMP destination, the MQTT
   * topic published to (a bare WebSocket has none).
   */
  send(message?: unknown, channel?: string): void {
    if (this.disposed) {
      const text = `Variable '${this.name}' was disposed; the message was not sent.`
      this.events.reportError(new TetherError(ErrorCodes.SEND_FAILED, text))
      return
    }
    if (this.feed !== undefined) {
      const text = `Service '${this.service.name}' is shared: its viewers only receive, so the message was not sent.`
      this.events.reportError(new TetherError(ErrorCodes.FEED_READ_ONLY, text))
      return
    }
    const value = message === undefined ? this.requestBody() : message
    if (value === undefined) {
      const text = 'Nothing to send: pass a message or bind RequestBody.'
      this.events.reportError(new TetherError(ErrorCodes.SEND_FAILED, text))
      return
    }
    this.sender.send(value, channel, this.lifecycle.connection)
  }

  /** Closes without asking onBeforeClose, drops listeners and queued messages; the variable is done. */
  dispose(): void {
    if (this.disposed) return
    this.autoOpenPending = false
    this.lifecycle.dispose()
    this.disposed = true
    this.held.clear()
    this.events.dispose()
    this.notifier.clear()
    this.sender.clear()
  }

  // ── Internals ────────────────────────────────────────────────────────────────────────────────────
  /**
   * Bytes of a service with a binary payloadFormat are decoded first; a message that does not decode is
   * reported (DECODE_FAILED, its bytes kept in the error) and feeds no dataset.
   */
  private decodeAndIngest(payload: unknown, channel: string | undefined, raw: unknown): void {
    if (this.payloadDecoder === undefined || !(payload instanceof Uint8Array)) {
      this.ingest(payload, channel, raw)
      return
    }
    let decoded: unknown
    try {
      decoded = this.payloadDecoder(payload)
    } catch (error) {
      this.events.reportError(error as TetherError) // a PayloadDecodeError: the decoder wraps every failure
      return
    }
    this.ingest(decoded, channel, raw)
  }

  /** Drop a resumed duplicate, let onMessageReceive drop or replace it, then feed the datasets. */
  private ingest(payload: unknown, channel: string | undefined, raw: unknown): void {
    let data = payload
    // Before onMessageReceive, so handlers (notifications, counters) also see each record once.
    if (this.resume !== undefined && !this.resume.accept(data)) return
    if (this.events.has('onMessageReceive')) {
      const verdict = this.events.call('onMessageReceive', data, channel === undefined ? { raw } : { raw, channel })
      if (verdict === false) return
      if (verdict !== undefined) data = verdict
    }
    this.dataset.add(data)
    this.router?.route(data, channel)
    this.notifier.changed() // a handler may have read a snapshot in between
  }

  /** The URL of the next attempt; on a reconnect after records arrived it carries the resume position. */
  private connectUrl(): string {
    if (this.feed !== undefined) {
      const body = this.requestBody()
      return buildConnectUrl(this.target, this.bindings, {
        proxyUrl: this.options.proxyUrl,
        feed: { since: this.feed.position, body: body === undefined || body === null ? undefined : feedBody(body) },
      })
    }
    const position = this.resume?.position
    const param = this.resume?.options.param
    return buildConnectUrl(this.target, this.bindings, {
      resume: position === undefined || param === undefined ? undefined : { param, value: position },
      proxyUrl: this.options.proxyUrl,
    })
  }

  /**
   * The adapter, at once when the protocol's code (and the payload decoder, for a binary payloadFormat)
   * is loaded — always for a bare WebSocket of JSON.
   */
  private protocolAdapter(): ProtocolAdapter | Promise<ProtocolAdapter> {
    const adapter = this.loadAdapter()
    if (this.payloadDecoder !== undefined || binaryFormatOf(this.service.definition) === undefined) return adapter
    return Promise.all([adapter, loadPayloadDecoder(this.service.definition)]).then(([loaded, decoder]) => {
      this.payloadDecoder ??= decoder
      return loaded
    })
  }

  private loadAdapter(): ProtocolAdapter | Promise<ProtocolAdapter> {
    if (this.adapter !== undefined) return this.adapter
    const info = {
      name: this.service.name,
      protocolOptions: this.service.definition.protocolOptions,
      channels: this.channels,
      subprotocols: this.service.definition.subprotocols,
      payloadFormat: this.service.definition.payloadFormat,
    }
    if (this.feed !== undefined) {
      // The server's feed frames are read (and their message parsed) by the SharedFeedReader, once.
      this.adapter = createWebSocketAdapter({ subprotocols: info.subprotocols, rawFrames: true })
      return this.adapter
    }
    const module = loadedProtocol(this.protocol)
    if (module !== undefined) {
      this.adapter = module.createAdapter(info)
      return this.adapter
    }
    return loadProtocol(this.protocol).then((loaded) => {
      this.adapter ??= loaded.createAdapter(info)
      return this.adapter
    })
  }

  private requestBody(): unknown {
    return Object.hasOwn(this.bindings, 'RequestBody') ? this.bindings.RequestBody : this.service.definition.requestBody
  }

  /** A comparable form of the URL the bindings give (or of the reason there is none). */
  private urlKey(): string {
    try {
      return this.target.buildUrl(this.bindings)
    } catch (error) {
      return `!${error instanceof Error ? error.message : String(error)}`
    }
  }
}

/** The RequestBody as the text the server sends upstream (binary is not sent on a shared feed's URL). */
function feedBody(body: unknown): string | undefined {
  const frame = toFrame(body)
  return typeof frame === 'string' ? frame : undefined
}

/**
 * `routes` by a field, as given. For a service with channels, one dataset per channel (a list, the
 * variable's dataLimit), with the policies `routes.datasets` gives for some of them (routes by channel).
 */
function createRouter(
  options: WebSocketVariableOptions,
  channels: readonly ChannelDefinition[],
): DatasetRouter | undefined {
  const { routes } = options
  if (routes?.field !== undefined) return new DatasetRouter(routes)
  if (channels.length === 0) return routes === undefined ? undefined : new DatasetRouter(routes)
  const policy = options.dataLimit === undefined ? {} : { dataLimit: options.dataLimit }
  const datasets = Object.fromEntries(channels.map((channel) => [channel.name, policy]))
  return new DatasetRouter({ datasets: { ...datasets, ...routes?.datasets } })
}
