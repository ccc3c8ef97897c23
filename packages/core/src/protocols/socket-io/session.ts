import { ErrorCodes, TetherError } from '../../errors.js'
import type { ProtocolServiceInfo } from '../adapter.js'
import type { SocketIoOptions } from './definition.js'

/** What a CONNECT_ERROR carries: the message the server's middleware gave `next(new Error(…))`. */
interface ConnectError {
  message?: unknown
  data?: unknown
}

/**
 * A variable's Socket.IO session across its connections: the namespace and auth to join with, the
 * channels to take, and the connection-state-recovery position (`pid`, the last `offset`) so a reconnect
 * gets the events missed meanwhile when the server keeps them (Socket.IO 4.6+ `connectionStateRecovery`).
 */
export class SocketIoSession {
  readonly namespace: string
  readonly subprotocols: readonly string[] | undefined
  private readonly auth: Record<string, unknown> | undefined
  /** Declared event names; none declared = every event is taken (what `tether test` shows). */
  private readonly channels: ReadonlySet<string>
  private pid: string | undefined
  private offset: string | undefined

  constructor(service: ProtocolServiceInfo) {
    const options = (service.protocolOptions ?? {}) as SocketIoOptions
    this.namespace = options.namespace ?? '/'
    this.auth = options.auth
    this.subprotocols = service.subprotocols
    this.channels = new Set(service.channels.map((channel) => channel.name))
  }

  /** The CONNECT payload: the auth, plus the recovery position once the server offered recovery. */
  connectData(): Record<string, unknown> | undefined {
    if (this.pid === undefined) return this.auth
    return { ...this.auth, pid: this.pid, offset: this.offset }
  }

  /** The namespace was joined; `pid` is present only when the server offers connection-state recovery. */
  joined(data: unknown): void {
    const pid = (data as { pid?: unknown } | undefined)?.pid
    if (typeof pid !== 'string') {
      this.pid = undefined
      this.offset = undefined
    } else if (pid !== this.pid) {
      this.pid = pid
      this.offset = undefined
    }
  }

  /**
   * Why the server refused the namespace, as the failure to end with: never retried, since the same auth
   * would be refused again (a retry storm against the server's middleware otherwise).
   */
  refused(data: unknown): [TetherError, boolean] {
    const reason = (data as ConnectError | undefined)?.message
    const text = typeof reason === 'string' ? reason : 'no reason given'
    if (text === 'Invalid namespace') {
      const message = `The server has no namespace ${this.namespace}; check protocolOptions.namespace.`
      return [new TetherError(ErrorCodes.PROTOCOL_ERROR, message), false]
    }
    const message = `The server refused to connect to ${this.namespace} (${text}); check protocolOptions.auth.`
    return [new TetherError(ErrorCodes.AUTH_FAILED, message), false]
  }

  /**
   * One EVENT's arguments (`[name, ...args]`) as a message: one argument is the payload, several are an
   * array. With recovery on, a trailing string argument is the packet's offset (as socket.io-client reads
   * it), remembered and removed. Undefined for an event no channel takes.
   */
  event(data: unknown): { channel: string; payload: unknown } | undefined {
    if (!Array.isArray(data) || typeof data[0] !== 'string') return undefined
    const [channel, ...args] = data as [string, ...unknown[]]
    if (this.pid !== undefined && typeof args.at(-1) === 'string' && args.length > 1) {
      this.offset = args.pop() as string
    }
    if (this.channels.size > 0 && !this.channels.has(channel)) return undefined
    return { channel, payload: args.length === 1 ? args[0] : args }
  }

  /** Another stream: a recovery position of the old one means nothing to it. */
  forget(): void {
    this.pid = undefined
    this.offset = undefined
  }
}
