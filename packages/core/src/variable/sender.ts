import { ErrorCodes, TetherError } from '../errors.js'
import type { ServiceProtocol } from '../protocols/names.js'
import type { Connection } from './connection.js'
import type { EventHandlers } from './event-handlers.js'
import { asTetherError, prepareOutgoing } from './outgoing.js'
import { type OutgoingMessage, SendQueue } from './send-queue.js'

/**
 * The send path: onBeforeMessageSend, the protocol's checks, and either the open connection or the
 * bounded queue. Kept apart from the lifecycle because it has its own rules (queue overflow, RequestBody
 * once per connection, order across a reconnect) and its own tests.
 */
export class Sender {
  private readonly queue: SendQueue
  private everOpened = false

  constructor(
    private readonly variableName: string,
    private readonly protocol: ServiceProtocol,
    queueLimit: number,
    private readonly resendRequestBodyOnReconnect: boolean,
    private readonly events: EventHandlers,
  ) {
    this.queue = new SendQueue(queueLimit)
  }

  get queued(): number {
    return this.queue.size
  }

  /** Sends `message` on `connection` when it is open, else queues it; failures are reported, never thrown. */
  send(message: unknown, channel: string | undefined, connection: Connection | null): void {
    const outgoing = this.prepare(message, channel)
    if (outgoing === undefined) return
    if (connection?.opened && connection.transport.writable) {
      this.transmit(connection, outgoing)
    } else if (!this.queue.offer(outgoing)) {
      this.events.reportError(
        new TetherError(
          ErrorCodes.SEND_QUEUE_FULL,
          `The send queue of '${this.variableName}' is full (${this.queue.limit} messages waiting for the connection); this message was not queued. Open the connection or raise sendQueueLimit.`,
        ),
      )
    }
  }

  /** The heartbeat's ping: written only when the connection can take it, never queued. */
  ping(connection: Connection, message: unknown): void {
    if (!connection.transport.writable) return
    try {
      connection.transport.send(prepareOutgoing(this.protocol, message, undefined), undefined)
    } catch (cause) {
      const error = asTetherError(cause, ErrorCodes.SEND_FAILED, 'The heartbeat message could not be sent')
      this.events.reportError(error)
    }
  }

  /**
   * On each new connection: the RequestBody (a subscribe message; on reconnects only when
   * resendRequestBodyOnReconnect), then the queue in order. A queued copy of the RequestBody is not sent
   * twice. `isCurrent` stops the flush when the connection goes away half-way; the rest waits for the next.
   */
  flushOnOpen(connection: Connection, requestBody: unknown, isCurrent: () => boolean): void {
    const first = !this.everOpened
    this.everOpened = true
    // SSE sends its RequestBody as the request body, when connecting.
    const sendsBody = this.protocol !== 'sse' && (first || this.resendRequestBodyOnReconnect)
    if (sendsBody && requestBody !== undefined && requestBody !== null) {
      const outgoing = requestBody === '' ? undefined : this.prepare(requestBody, undefined)
      if (outgoing !== undefined) {
        this.queue.removeFirst((queued) => queued.channel === undefined && queued.data === outgoing.data)
        this.transmit(connection, outgoing)
      }
    }
    const messages = this.queue.drain()
    for (let i = 0; i < messages.length; i++) {
      if (!isCurrent() || !connection.transport.writable) {
        this.queue.restore(messages.slice(i))
        return
      }
      this.transmit(connection, messages[i] as OutgoingMessage)
    }
  }

  clear(): void {
    this.queue.clear()
  }

  /** onBeforeMessageSend, then the protocol's checks; undefined when cancelled or unsendable (reported). */
  private prepare(message: unknown, channel: string | undefined): OutgoingMessage | undefined {
    const verdict = this.events.call('onBeforeMessageSend', message, channel === undefined ? {} : { channel })
    if (verdict === false) return undefined
    try {
      return { data: prepareOutgoing(this.protocol, verdict === undefined ? message : verdict, channel), channel }
    } catch (cause) {
      this.events.reportError(asTetherError(cause, ErrorCodes.SEND_FAILED, 'The message could not be sent'))
      return undefined
    }
  }

  private transmit(connection: Connection, outgoing: OutgoingMessage): void {
    try {
      connection.transport.send(outgoing.data, outgoing.channel)
    } catch (cause) {
      this.events.reportError(asTetherError(cause, ErrorCodes.SEND_FAILED, 'The socket refused the message'))
    }
  }
}
