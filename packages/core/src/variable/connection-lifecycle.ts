import { REFUSAL_CLOSE_CODES } from '../close-codes.js'
import { ErrorCodes, TetherError } from '../errors.js'
import type { ProtocolAdapter, ProtocolFailure } from '../protocols/adapter.js'
import type { ProtocolTransport } from '../protocols/names.js'
import { type CloseInfo, describeClose, type WebSocketConstructor } from '../protocols/socket.js'
import { backoffDelay, type ResolvedReconnect } from './backoff.js'
import type { ChangeNotifier } from './change-notifier.js'
import { type Connection, endConnection, openConnection } from './connection.js'
import type { EventHandlers } from './event-handlers.js'
import { Heartbeat, type HeartbeatOptions } from './heartbeat.js'
import { asTetherError } from './outgoing.js'

/** What the lifecycle needs from its variable; everything else about the variable stays out of here. */
export interface LifecycleHost {
  readonly name: string
  readonly notifier: ChangeNotifier
  readonly events: EventHandlers
  readonly WebSocket: WebSocketConstructor | undefined
  /** Whether a connection needs a WebSocket implementation (every protocol but SSE). */
  readonly transport: ProtocolTransport
  readonly heartbeat: false | HeartbeatOptions | undefined
  readonly reconnect: ResolvedReconnect | null
  /** How long an attempt may take to open before it is abandoned as failed. */
  readonly connectTimeoutMs: number
  /** The URL of the next attempt; throws a TetherError when it cannot be built. */
  connectUrl(): string
  /** The protocol adapter: at once when its code is loaded, else once it is (or PROTOCOL_UNAVAILABLE). */
  adapter(): ProtocolAdapter | Promise<ProtocolAdapter>
  /** The bound RequestBody (the protocol may need it to connect: SSE's POST body). */
  requestBody(): unknown
  /** The socket opened: send what must go out first. */
  opened(connection: Connection, isCurrent: () => boolean): void
  /** One message arrived on the current connection (already counted in the status). */
  received(payload: unknown, channel: string | undefined, raw: unknown): void
  /** The heartbeat's ping, sent as a message of no channel. */
  ping(connection: Connection, message: unknown): void
  /** A connection is wanted (true) or given up (false); used for timers that only matter meanwhile. */
  active(on: boolean): void
}

/**
 * The connection lifecycle: open, reconnect with backoff, heartbeat, close. Every state change is a
 * reducer action on the host's notifier, so `status` is the single record of what happened. Only the
 * current connection's events count; a replaced socket's late events are ignored.
 */
export class ConnectionLifecycle {
  private current: Connection | null = null
  /** The application wants a connection: set by open(), cleared by close(). Retries only while set. */
  private wanted = false
  private disposed = false
  private closing: Promise<void> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  /** Runs while the current socket is connecting (handshake timeout), then while it proves stable. */
  private connectionTimer: ReturnType<typeof setTimeout> | undefined
  /** The attempt waiting for the protocol's code to load; a newer attempt (or a close) replaces it. */
  private pendingLoad: symbol | null = null
  private openWaiters: { resolve(): void; reject(error: TetherError): void }[] = []

  constructor(private readonly host: LifecycleHost) {}

  get connection(): Connection | null {
    return this.current
  }
  get wantsOpen(): boolean {
    return this.wanted && !this.disposed
  }
  /** The close in progress, if any. */
  get closingPromise(): Promise<void> | null {
    return this.closing
  }

  open(): Promise<void> {
    if (this.disposed)
      return Promise.reject(new TetherError(ErrorCodes.CLOSED_BY_USER, `Variable '${this.host.name}' was disposed.`))
    this.wanted = true
    if (this.current?.opened) return Promise.resolve()
    const opened = new Promise<void>((resolve, reject) => this.openWaiters.push({ resolve, reject }))
    if (this.current === null && this.pendingLoad === null) this.connect()
    return opened
  }

  /** Closes the current connection (onClose says intentional, willReconnect) and opens a new one. */
  reconnect(): Promise<void> {
    const connection = this.drop()
    if (connection !== null) {
      void endConnection(connection, 'reconnecting with new bindings').then((info) => {
        if (connection.opened) this.host.events.call('onClose', info, { intentional: true, willReconnect: true })
      })
    }
    return this.open()
  }

  /** Ends the connection and stops reconnecting; concurrent calls share one promise. */
  close(): Promise<void> {
    if (this.closing !== null) return this.closing
    this.wanted = false
    this.host.active(false)
    this.settleWaiters(
      new TetherError(
        ErrorCodes.CLOSED_BY_USER,
        `close() was called on '${this.host.name}' before the connection opened.`,
      ),
    )
    const connection = this.drop()
    const { notifier } = this.host
    if (connection === null) {
      if (notifier.status.state !== 'idle') notifier.dispatch({ type: 'closed' })
      return Promise.resolve()
    }
    notifier.dispatch({ type: 'closing' })
    this.closing = endConnection(connection, 'closed by the application')
      .then((info) => {
        if (this.current === null && !this.wanted) notifier.dispatch({ type: 'closed' })
        if (connection.opened) this.host.events.call('onClose', info, { intentional: true, willReconnect: false })
      })
      .finally(() => {
        this.closing = null
      })
    return this.closing
  }

  dispose(): void {
    void this.close()
    this.disposed = true
  }

  private connect(isRetry = false): void {
    this.clearRetry()
    const { host } = this
    let url: string
    try {
      url = host.connectUrl()
    } catch (cause) {
      this.fail(asTetherError(cause, ErrorCodes.INVALID_URL, 'The URL could not be built'), false)
      return
    }
    if (host.events.call('onBeforeOpen', url, { url, isRetry }) === false) {
      const message = `onBeforeOpen of '${host.name}' returned false; the connection was not opened.`
      this.fail(new TetherError(ErrorCodes.OPEN_CANCELLED, message), false)
      return
    }
    const Implementation = host.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket
    if (Implementation === undefined && host.transport === 'websocket') {
      const message = 'No WebSocket implementation: pass `WebSocket` (e.g. from the ws package) in the options.'
      this.fail(new TetherError(ErrorCodes.NO_WEBSOCKET, message), false)
      return
    }
    host.notifier.dispatch({ type: 'connect' })
    host.active(true)
    const adapter = host.adapter()
    if (!(adapter instanceof Promise)) {
      this.start(adapter, url, Implementation as WebSocketConstructor)
      return
    }
    const attempt = Symbol('load')
    this.pendingLoad = attempt
    adapter.then(
      (loaded) => {
        if (this.pendingLoad !== attempt) return // closed, or replaced by a newer attempt, meanwhile
        this.pendingLoad = null
        this.start(loaded, url, Implementation as WebSocketConstructor)
      },
      (cause: unknown) => {
        if (this.pendingLoad !== attempt) return
        this.pendingLoad = null
        this.fail(asTetherError(cause, ErrorCodes.PROTOCOL_UNAVAILABLE, 'The protocol could not be loaded'), false)
      },
    )
  }

  private start(adapter: ProtocolAdapter, url: string, Implementation: WebSocketConstructor): void {
    let connection: Connection
    try {
      connection = openConnection(
        adapter,
        { url, WebSocket: Implementation, requestBody: this.host.requestBody() },
        {
          opened: (connection, event) => this.handleOpen(connection, event),
          received: (connection, payload, channel, raw) => this.handleMessage(connection, payload, channel, raw),
          alive: (connection) => connection === this.current && connection.heartbeat?.touch(),
          problem: (connection, error) => connection === this.current && this.host.events.reportError(error),
          closed: (connection, info, failure) => this.handleClose(connection, info, failure),
        },
      )
    } catch (cause) {
      this.fail(asTetherError(cause, ErrorCodes.CONNECT_FAILED, `Could not connect to ${url}`), false)
      return
    }
    this.current = connection
    // Covers the protocol's own handshake too: a connection is open once the protocol says so.
    this.connectionTimer = setTimeout(() => this.handshakeTimedOut(connection), this.host.connectTimeoutMs)
  }

  /** A peer that accepts TCP but never answers the upgrade would otherwise hold the attempt forever. */
  private handshakeTimedOut(connection: Connection): void {
    if (connection !== this.current || connection.opened) return
    this.drop()
    void endConnection(connection, 'handshake timeout', true)
    const message = `${connection.url} did not complete the handshake within ${this.host.connectTimeoutMs} ms.`
    this.fail(new TetherError(ErrorCodes.CONNECT_FAILED, message), true)
  }

  private handleOpen(connection: Connection, event: unknown): void {
    if (connection !== this.current) return // replaced while connecting; its closer deals with it
    connection.opened = true
    this.clearConnectionTimer()
    this.host.notifier.dispatch({ type: 'opened' })
    const minUptimeMs = this.host.reconnect?.minUptimeMs ?? 0
    this.connectionTimer = setTimeout(() => {
      if (connection === this.current) this.host.notifier.dispatch({ type: 'stable' })
    }, minUptimeMs)
    this.startHeartbeat(connection)
    this.host.opened(connection, () => connection === this.current)
    this.host.events.call('onOpen', event, { url: connection.url })
    this.settleWaiters(null)
  }

  private handleMessage(connection: Connection, payload: unknown, channel: string | undefined, raw: unknown): void {
    if (connection !== this.current) return
    connection.heartbeat?.touch()
    this.host.notifier.messageReceived()
    this.host.received(payload, channel, raw)
  }

  private handleClose(connection: Connection, info: CloseInfo, failure?: ProtocolFailure): void {
    connection.heartbeat?.stop()
    connection.resolveClosed(info)
    if (connection !== this.current) return // ended on purpose (close, reconnect, heartbeat): reported there
    this.drop()
    if (failure !== undefined) {
      this.fail(failure.error, failure.retryable && !REFUSAL_CLOSE_CODES.has(info.code))
      if (connection.opened) this.notifyLost(info)
      return
    }
    const retryable = !REFUSAL_CLOSE_CODES.has(info.code)
    if (!connection.opened) {
      const message = `Could not connect to ${connection.url}${describeClose(info)}.`
      this.fail(new TetherError(ErrorCodes.CONNECT_FAILED, message, { closeCode: info.code }), retryable)
      return
    }
    const message = `The connection to ${connection.url} was lost${describeClose(info)}.`
    this.fail(new TetherError(ErrorCodes.CONNECTION_LOST, message, { closeCode: info.code }), retryable)
    this.notifyLost(info)
  }

  private startHeartbeat(connection: Connection): void {
    const options = this.host.heartbeat
    if (options === undefined || options === false) return
    connection.heartbeat = new Heartbeat(options, {
      ping: (message) => this.host.ping(connection, message),
      timedOut: (idleMs) => {
        if (connection !== this.current) return
        this.drop()
        // No closing handshake: the peer is presumed dead, and waiting for it is what we are avoiding.
        void endConnection(connection, 'heartbeat timeout', true)
        const message = `No message from ${connection.url} for ${idleMs} ms; treating the connection as dead and reconnecting.`
        this.fail(new TetherError(ErrorCodes.HEARTBEAT_TIMEOUT, message), true)
        this.notifyLost({ code: 1006, reason: 'heartbeat timeout', wasClean: false })
      },
    })
    connection.heartbeat.start()
  }

  private notifyLost(info: CloseInfo): void {
    const willReconnect = this.host.notifier.status.state === 'reconnecting'
    this.host.events.call('onClose', info, { intentional: false, willReconnect })
  }

  /**
   * A failed attempt or a lost connection: schedule a retry (when allowed) or settle in `error`; pending
   * open() calls reject either way.
   */
  private fail(error: TetherError, retryable: boolean): void {
    const { notifier, reconnect: policy } = this.host
    const attempts = notifier.status.attempts
    if (retryable && policy !== null && this.wantsOpen && attempts < policy.maxAttempts) {
      const delay = backoffDelay(Math.max(1, attempts), policy)
      notifier.dispatch({ type: 'retryScheduled', at: Date.now() + delay, error })
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined
        if (this.wantsOpen && this.current === null && this.pendingLoad === null) this.connect(true)
      }, delay)
    } else {
      this.host.active(false)
      notifier.dispatch({ type: 'failed', error })
    }
    this.settleWaiters(error)
    this.host.events.emitError(error)
  }

  /** Forgets the current connection (its late events are then ignored) and any pending retry. */
  private drop(): Connection | null {
    const connection = this.current
    this.current = null
    this.pendingLoad = null
    this.clearRetry()
    this.clearConnectionTimer()
    return connection
  }

  private settleWaiters(error: TetherError | null): void {
    const waiters = this.openWaiters
    this.openWaiters = []
    for (const waiter of waiters) error === null ? waiter.resolve() : waiter.reject(error)
  }

  private clearConnectionTimer(): void {
    if (this.connectionTimer !== undefined) clearTimeout(this.connectionTimer)
    this.connectionTimer = undefined
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer)
    this.retryTimer = undefined
  }
}
