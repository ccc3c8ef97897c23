import { LiveDataset } from '../dataset/LiveDataset.js'
import { DatasetRouter } from '../dataset/routing.js'
import { ErrorCodes, TetherError } from '../errors.js'
import { defineWebSocketService, type WebSocketService } from '../service/index.js'
import { backoffDelay, type ResolvedReconnect, resolveReconnect } from './backoff.js'
import {
  type ConnectionAction,
  type ConnectionStatus,
  connectionStatusReducer,
  initialConnectionStatus,
} from './connectionStatus.js'
import { Heartbeat } from './heartbeat.js'
import type {
  CloseInfo,
  VariableHandlers,
  VariableSnapshot,
  WebSocketLike,
  WebSocketVariableOptions,
} from './options.js'
import { asTetherError, toFrame } from './outgoing.js'
import { parseMessage } from './parseMessage.js'
import { DEFAULT_SEND_QUEUE_LIMIT, type OutgoingFrame, SendQueue } from './sendQueue.js'

const OPEN = 1
/** The server refused us (policy, not authenticated, forbidden): retrying would not help. */
const FATAL_CLOSE_CODES = new Set([1008, 4401, 4403])
/** How long close() waits for the closing handshake before dropping the socket. */
const CLOSE_TIMEOUT_MS = 3_000
const NO_DATASETS: Readonly<Record<string, readonly unknown[]>> = Object.freeze({})

interface Connection {
  readonly socket: WebSocketLike
  readonly url: string
  opened: boolean
  heartbeat: Heartbeat | null
  readonly closed: Promise<CloseInfo>
  resolveClosed(info: CloseInfo): void
}

const closeInfoOf = (event: unknown): CloseInfo => {
  const e = (event ?? {}) as Partial<CloseInfo>
  return { code: e.code ?? 1006, reason: e.reason ?? '', wasClean: e.wasClean ?? false }
}
const describeClose = (info: CloseInfo) => ` (close code ${info.code}${info.reason ? `: ${info.reason}` : ''})`

/**
 * A live connection to a WebSocket service whose messages fill `dataSet`. Framework-free: read it with
 * `getSnapshot()` and `subscribe()`. Reconnects with backoff unless `close()` was called; sends made
 * while not open wait in a bounded queue. Failures never throw from callbacks: they become
 * `status.lastError` and an `onError` call.
 *
 * @example
 * const v = new WebSocketVariable({ service, name: 'heartrate', onNewData: 'addAsLast', connectOnLoad: false })
 * v.subscribe(() => console.log(v.getSnapshot().lastRecord))
 * await v.open()
 */
export class WebSocketVariable {
  readonly name: string
  readonly owner: 'page' | 'app'
  readonly service: WebSocketService
  private readonly options: WebSocketVariableOptions
  private readonly dataset: LiveDataset
  private readonly router: DatasetRouter | undefined
  private readonly queue: SendQueue
  private readonly reconnectPolicy: ResolvedReconnect | null
  private bindings: Record<string, unknown>
  private statusValue: ConnectionStatus = initialConnectionStatus
  private current: Connection | null = null
  /** The application wants a connection: set by open(), cleared by close(). Retries only while set. */
  private wantOpen = false
  private autoOpenPending = false
  private everOpened = false
  private disposed = false
  private closing: Promise<void> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private pruneTimer: ReturnType<typeof setInterval> | undefined
  private openWaiters: { resolve(): void; reject(error: TetherError): void }[] = []
  private readonly listeners = new Set<() => void>()
  private notifyScheduled = false
  private snapshot: VariableSnapshot | null = null

  constructor(options: WebSocketVariableOptions) {
    if (typeof options?.name !== 'string' || options.name === '') {
      throw new TetherError(ErrorCodes.INVALID_VARIABLE_OPTIONS, 'A WebSocket variable needs a name.', {
        details: [{ path: 'name', message: 'Required.' }],
      })
    }
    if (options.service === undefined || options.service === null) {
      throw new TetherError(ErrorCodes.INVALID_VARIABLE_OPTIONS, `Variable '${options.name}' needs a service.`, {
        details: [{ path: 'service', message: 'Required.' }],
      })
    }
    const queueLimit = options.sendQueueLimit ?? DEFAULT_SEND_QUEUE_LIMIT
    if (!Number.isInteger(queueLimit) || queueLimit < 0) {
      throw new TetherError(ErrorCodes.INVALID_VARIABLE_OPTIONS, 'sendQueueLimit must be a whole number ≥ 0.', {
        details: [{ path: 'sendQueueLimit', message: 'Use a whole number ≥ 0.' }],
      })
    }
    this.options = options
    this.name = options.name
    this.owner = options.owner ?? 'page'
    this.service = defineWebSocketService(options.service)
    this.dataset = new LiveDataset(options)
    this.router = options.routes === undefined ? undefined : new DatasetRouter(options.routes)
    this.queue = new SendQueue(queueLimit)
    this.reconnectPolicy = resolveReconnect(options.reconnect)
    this.bindings = { ...options.dataBinding }
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
    return this.statusValue
  }
  get onNewData() {
    return this.dataset.onNewData
  }
  /** Messages waiting in the send queue for the socket to open. */
  get queuedMessages(): number {
    return this.queue.size
  }
  get dataLimit(): number {
    return this.dataset.dataLimit
  }
  /** Lowering the limit shrinks `dataSet` at once, evicting the oldest records. */
  set dataLimit(limit: number) {
    this.dataset.setDataLimit(limit)
    this.changed()
  }
  /** The current data binding values (query/path params and RequestBody). */
  get dataBinding(): Readonly<Record<string, unknown>> {
    return this.bindings
  }

  /** Immutable; the same object until something changes (for `useSyncExternalStore`). */
  getSnapshot(): VariableSnapshot {
    if (this.snapshot !== null) return this.snapshot
    const view = this.dataset.view()
    this.snapshot = Object.freeze({
      dataSet: view.dataSet,
      firstRecord: view.firstRecord,
      lastRecord: view.lastRecord,
      status: this.statusValue,
      datasets: this.router?.lists() ?? NO_DATASETS,
    })
    return this.snapshot
  }

  /** Called after changes, at most once per microtask however many messages arrived. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  // ── Methods ─────────────────────────────────────────────────────────────────────────────────────
  /**
   * Connects (or joins the attempt in progress). Resolves when the socket is really open; rejects with a
   * coded TetherError when this attempt fails — automatic reconnect, if enabled, carries on regardless.
   */
  open(): Promise<void> {
    if (this.disposed)
      return Promise.reject(new TetherError(ErrorCodes.CLOSED_BY_USER, `Variable '${this.name}' was disposed.`))
    this.wantOpen = true
    this.autoOpenPending = false
    if (this.current?.opened) return Promise.resolve()
    const opened = new Promise<void>((resolve, reject) => this.openWaiters.push({ resolve, reject }))
    if (this.current === null) this.connect(false)
    return opened
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
    if (this.disposed) return this.open()
    this.dropConnection('reconnecting with new bindings', true)
    return this.open()
  }

  /**
   * Ends the connection and stops reconnecting. Never opens a socket; safe with no socket, after an
   * error and when called twice. `onBeforeClose` returning false keeps the connection.
   */
  close(): Promise<void> {
    if (this.closing !== null) return this.closing
    if (this.callHandler('onBeforeClose', undefined, {}) === false) return Promise.resolve()
    return this.shutdown()
  }

  /** Sets one data binding (a query/path param or `RequestBody`); a changed URL reconnects. */
  setInput(name: string, value: unknown): void {
    this.setDataBinding({ [name]: value })
  }

  /** Merges data binding values; when the resulting URL differs, an open (or wanted) connection reconnects. */
  setDataBinding(values: Record<string, unknown>): void {
    const before = this.urlKey()
    this.bindings = { ...this.bindings, ...values }
    if (this.wantOpen && !this.disposed && this.urlKey() !== before) this.update().catch(() => {})
  }

  /**
   * Sends a message: no argument sends the bound RequestBody; strings and binary as they are, anything
   * else as JSON (`0`, `""` and `false` included). While not open the message waits in the bounded queue.
   */
  send(message?: unknown): void {
    if (this.disposed) {
      this.reportError(
        new TetherError(ErrorCodes.SEND_FAILED, `Variable '${this.name}' was disposed; the message was not sent.`),
      )
      return
    }
    const value = message === undefined ? this.requestBody() : message
    if (value === undefined) {
      this.reportError(new TetherError(ErrorCodes.SEND_FAILED, 'Nothing to send: pass a message or bind RequestBody.'))
      return
    }
    const frame = this.prepareFrame(value)
    if (frame === undefined) return
    const connection = this.current
    if (connection?.opened && connection.socket.readyState === OPEN) {
      this.transmit(connection, frame)
    } else if (!this.queue.offer(frame)) {
      this.reportError(
        new TetherError(
          ErrorCodes.SEND_QUEUE_FULL,
          `The send queue of '${this.name}' is full (${this.queue.limit} messages waiting for the connection); this message was not queued. Open the connection or raise sendQueueLimit.`,
        ),
      )
    }
  }

  /** Closes without asking onBeforeClose, drops listeners and queued messages; the variable is done. */
  dispose(): void {
    if (this.disposed) return
    void this.shutdown()
    this.disposed = true
    this.listeners.clear()
    this.queue.clear()
  }

  // ── Connection lifecycle ─────────────────────────────────────────────────────────────────────────
  private connect(isRetry: boolean): void {
    this.clearRetry()
    let url: string
    try {
      url = this.service.buildUrl(this.bindings)
    } catch (cause) {
      this.fail(asTetherError(cause, ErrorCodes.INVALID_URL, 'The URL could not be built'), false)
      return
    }
    if (this.callHandler('onBeforeOpen', url, { url, isRetry }) === false) {
      this.fail(
        new TetherError(
          ErrorCodes.OPEN_CANCELLED,
          `onBeforeOpen of '${this.name}' returned false; the connection was not opened.`,
        ),
        false,
      )
      return
    }
    const Implementation =
      this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketVariableOptions['WebSocket'] }).WebSocket
    if (Implementation === undefined) {
      this.fail(
        new TetherError(
          ErrorCodes.NO_WEBSOCKET,
          'No WebSocket implementation: pass `WebSocket` (e.g. from the ws package) in the options.',
        ),
        false,
      )
      return
    }
    this.dispatch({ type: 'connect' })
    const protocols = this.service.definition.subprotocols
    let socket: WebSocketLike
    try {
      socket =
        protocols !== undefined && protocols.length > 0 ? new Implementation(url, protocols) : new Implementation(url)
    } catch (cause) {
      this.fail(asTetherError(cause, ErrorCodes.CONNECT_FAILED, `Could not connect to ${url}`), false)
      return
    }
    socket.binaryType = 'arraybuffer'
    let resolveClosed: (info: CloseInfo) => void = () => {}
    const closed = new Promise<CloseInfo>((resolve) => {
      resolveClosed = resolve
    })
    const connection: Connection = { socket, url, opened: false, heartbeat: null, closed, resolveClosed }
    this.current = connection
    this.startPruning()
    socket.onopen = (event) => this.handleOpen(connection, event)
    socket.onmessage = (event) => this.handleMessage(connection, event)
    // The close event that always follows an error carries the outcome; handled there, once.
    socket.onerror = () => {}
    socket.onclose = (event) => this.handleClose(connection, closeInfoOf(event))
  }

  private handleOpen(connection: Connection, event: unknown): void {
    if (connection !== this.current) return // replaced while connecting; its closer deals with it
    connection.opened = true
    this.dispatch({ type: 'opened' })
    this.startHeartbeat(connection)
    this.sendOnConnect(connection)
    this.callHandler('onOpen', event, { url: connection.url })
    this.settleWaiters(null)
  }

  /** The RequestBody (once per connection) and then the queue, in order; a queued copy is not sent twice. */
  private sendOnConnect(connection: Connection): void {
    const first = !this.everOpened
    this.everOpened = true
    const body = this.requestBody()
    if (
      (first || this.options.resendRequestBodyOnReconnect !== false) &&
      body !== undefined &&
      body !== null &&
      body !== ''
    ) {
      const frame = this.prepareFrame(body)
      if (frame !== undefined) {
        this.queue.removeFirst(frame)
        this.transmit(connection, frame)
      }
    }
    const frames = this.queue.drain()
    for (let i = 0; i < frames.length; i++) {
      if (connection !== this.current || connection.socket.readyState !== OPEN) {
        this.queue.restore(frames.slice(i)) // the socket went away mid-flush: keep the rest for the next one
        return
      }
      this.transmit(connection, frames[i] as OutgoingFrame)
    }
  }

  private handleMessage(connection: Connection, event: { data?: unknown }): void {
    if (connection !== this.current) return
    const now = Date.now()
    connection.heartbeat?.touch()
    this.dispatch({ type: 'messageReceived', at: now })
    let data = parseMessage(event.data)
    const verdict = this.callHandler('onMessageReceive', data, { raw: event.data })
    if (verdict === false) return
    if (verdict !== undefined) data = verdict
    this.dataset.add(data, now)
    this.router?.route(data, now)
    this.changed() // a handler may have read a snapshot in between
  }

  private handleClose(connection: Connection, info: CloseInfo): void {
    connection.heartbeat?.stop()
    connection.resolveClosed(info)
    if (connection !== this.current) return // ended on purpose (close, update, heartbeat): reported there
    this.current = null
    const retryable = !FATAL_CLOSE_CODES.has(info.code)
    if (!connection.opened) {
      this.fail(
        new TetherError(ErrorCodes.CONNECT_FAILED, `Could not connect to ${connection.url}${describeClose(info)}.`),
        retryable,
      )
      return
    }
    const error = new TetherError(
      ErrorCodes.CONNECTION_LOST,
      `The connection to ${connection.url} was lost${describeClose(info)}.`,
    )
    this.fail(error, retryable)
    this.callHandler('onClose', info, { intentional: false, willReconnect: this.statusValue.state === 'reconnecting' })
  }

  private startHeartbeat(connection: Connection): void {
    const options = this.options.heartbeat
    if (options === undefined || options === false) return
    connection.heartbeat = new Heartbeat(options, {
      ping: (message) => {
        if (connection.socket.readyState !== OPEN) return
        try {
          connection.socket.send(toFrame(message))
        } catch (cause) {
          this.reportError(asTetherError(cause, ErrorCodes.SEND_FAILED, 'The heartbeat message could not be sent'))
        }
      },
      timedOut: (idleMs) => {
        if (connection !== this.current) return
        this.dropConnection('heartbeat timeout', false)
        const info = { code: 1006, reason: 'heartbeat timeout', wasClean: false }
        const error = new TetherError(
          ErrorCodes.HEARTBEAT_TIMEOUT,
          `No message from ${connection.url} for ${idleMs} ms; treating the connection as dead and reconnecting.`,
        )
        this.fail(error, true)
        this.callHandler('onClose', info, {
          intentional: false,
          willReconnect: this.statusValue.state === 'reconnecting',
        })
      },
    })
    connection.heartbeat.start()
  }

  /**
   * A failed attempt or a lost connection: schedule a retry (when allowed) or settle in `error`; pending
   * open() calls reject either way.
   */
  private fail(error: TetherError, retryable: boolean): void {
    const policy = this.reconnectPolicy
    const attempts = this.statusValue.attempts
    if (retryable && policy !== null && this.wantOpen && !this.disposed && attempts < policy.maxAttempts) {
      const delay = backoffDelay(Math.max(1, attempts), policy)
      this.dispatch({ type: 'retryScheduled', at: Date.now() + delay, error })
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined
        if (this.wantOpen && this.current === null && !this.disposed) this.connect(true)
      }, delay)
    } else {
      this.stopPruning()
      this.dispatch({ type: 'failed', error })
    }
    this.settleWaiters(error)
    this.emitError(error)
  }

  /** Forgets the current connection and closes its socket; its late events are ignored. */
  private dropConnection(reason: string, notifyClose: boolean): Connection | null {
    const connection = this.current
    this.current = null
    this.clearRetry()
    if (connection === null) return null
    connection.heartbeat?.stop()
    void this.endSocket(connection, reason).then((info) => {
      if (notifyClose && connection.opened)
        this.callHandler('onClose', info, { intentional: true, willReconnect: true })
    })
    return connection
  }

  private shutdown(): Promise<void> {
    this.wantOpen = false
    this.autoOpenPending = false
    this.stopPruning()
    this.settleWaiters(
      new TetherError(ErrorCodes.CLOSED_BY_USER, `close() was called on '${this.name}' before the connection opened.`),
    )
    const connection = this.current
    this.current = null
    this.clearRetry()
    if (connection === null) {
      if (this.statusValue.state !== 'idle') this.dispatch({ type: 'closed' })
      return Promise.resolve()
    }
    connection.heartbeat?.stop()
    this.dispatch({ type: 'closing' })
    this.closing = this.endSocket(connection, 'closed by the application')
      .then((info) => {
        if (this.current === null && !this.wantOpen) this.dispatch({ type: 'closed' })
        if (connection.opened) this.callHandler('onClose', info, { intentional: true, willReconnect: false })
      })
      .finally(() => {
        this.closing = null
      })
    return this.closing
  }

  /** Starts the closing handshake; gives up waiting (and drops the socket) after CLOSE_TIMEOUT_MS. */
  private endSocket(connection: Connection, reason: string): Promise<CloseInfo> {
    try {
      if (reason === 'heartbeat timeout' && connection.socket.terminate) connection.socket.terminate()
      else connection.socket.close(1000, reason)
    } catch {
      connection.resolveClosed({ code: 1006, reason, wasClean: false })
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<CloseInfo>((resolve) => {
      timer = setTimeout(() => {
        connection.socket.terminate?.()
        resolve({ code: 1006, reason: `${reason} (no closing handshake)`, wasClean: false })
      }, CLOSE_TIMEOUT_MS)
    })
    return Promise.race([connection.closed, timeout]).finally(() => clearTimeout(timer))
  }

  // ── Helpers ──────────────────────────────────────────────────────────────────────────────────────
  private requestBody(): unknown {
    return Object.hasOwn(this.bindings, 'RequestBody') ? this.bindings.RequestBody : this.service.definition.requestBody
  }

  /** A comparable form of the URL the bindings give (or of the reason there is none). */
  private urlKey(): string {
    try {
      return this.service.buildUrl(this.bindings)
    } catch (error) {
      return `!${error instanceof Error ? error.message : String(error)}`
    }
  }

  /** onBeforeMessageSend, then serialisation; undefined when cancelled or unsendable (reported). */
  private prepareFrame(message: unknown): OutgoingFrame | undefined {
    const verdict = this.callHandler('onBeforeMessageSend', message, {})
    if (verdict === false) return undefined
    try {
      return toFrame(verdict === undefined ? message : verdict)
    } catch (cause) {
      this.reportError(asTetherError(cause, ErrorCodes.SEND_FAILED, 'The message could not be sent'))
      return undefined
    }
  }

  private transmit(connection: Connection, frame: OutgoingFrame): void {
    try {
      connection.socket.send(frame)
    } catch (cause) {
      this.reportError(asTetherError(cause, ErrorCodes.SEND_FAILED, 'The socket refused the message'))
    }
  }

  private settleWaiters(error: TetherError | null): void {
    const waiters = this.openWaiters
    this.openWaiters = []
    for (const waiter of waiters) error === null ? waiter.resolve() : waiter.reject(error)
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
  }

  /** Without messages a time window must still age out old records, so it is checked on a timer. */
  private startPruning(): void {
    const windowMs = this.options.timeWindowMs
    if (windowMs === undefined || this.pruneTimer !== undefined) return
    this.pruneTimer = setInterval(
      () => {
        if (this.dataset.prune()) this.changed()
      },
      Math.max(50, Math.floor(windowMs / 10)),
    )
  }

  private stopPruning(): void {
    if (this.pruneTimer !== undefined) clearInterval(this.pruneTimer)
    this.pruneTimer = undefined
  }

  /**
   * Calls an event handler `(variable, data, options)`. A throwing handler is reported as HANDLER_FAILED
   * and counts as having returned undefined; a returned promise is ignored (handlers are synchronous).
   */
  private callHandler<K extends keyof VariableHandlers>(name: K, data: unknown, info: object): unknown {
    if (this.disposed) return undefined
    const handler = this.options[name] as ((variable: this, data: unknown, info: object) => unknown) | undefined
    if (typeof handler !== 'function') return undefined
    try {
      const result = handler(this, data, info)
      return typeof (result as { then?: unknown })?.then === 'function' ? undefined : result
    } catch (cause) {
      const text = cause instanceof Error ? cause.message : String(cause)
      const reported = new TetherError(ErrorCodes.HANDLER_FAILED, `${name} of '${this.name}' threw: ${text}`, { cause })
      this.dispatch({ type: 'errorReported', error: reported })
      if (name !== 'onError') this.emitError(reported)
      return undefined
    }
  }

  private reportError(error: TetherError): void {
    this.dispatch({ type: 'errorReported', error })
    this.emitError(error)
  }

  private emitError(error: TetherError): void {
    this.callHandler('onError', error, { code: error.code })
  }

  private dispatch(action: ConnectionAction): void {
    const next = connectionStatusReducer(this.statusValue, action)
    if (next === this.statusValue) return
    this.statusValue = next
    this.changed()
  }

  private changed(): void {
    this.snapshot = null
    if (this.notifyScheduled || this.listeners.size === 0) return
    this.notifyScheduled = true
    queueMicrotask(() => {
      this.notifyScheduled = false
      for (const listener of [...this.listeners]) {
        try {
          listener()
        } catch (cause) {
          // Recorded without a new notification, so a listener that always throws cannot loop.
          const error = asTetherError(cause, ErrorCodes.HANDLER_FAILED, `A subscriber of '${this.name}' threw`)
          this.statusValue = connectionStatusReducer(this.statusValue, { type: 'errorReported', error })
          this.snapshot = null
        }
      }
    })
  }
}
