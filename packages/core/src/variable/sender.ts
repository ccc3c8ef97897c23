import { ErrorCodes, TetherError } from '../errors.js'
import { type Connection, OPEN } from './connection.js'
import type { EventHandlers } from './eventHandlers.js'
import { asTetherError, toFrame } from './outgoing.js'
import { type OutgoingFrame, SendQueue } from './sendQueue.js'

/**
 * The send path: onBeforeMessageSend, serialisation, and either the open socket or the bounded queue.
 * Kept apart from the lifecycle because it has its own rules (queue overflow, RequestBody once per
 * connection, order across a reconnect) and its own tests.
 */
export class Sender {
  private readonly queue: SendQueue
  private everOpened = false

  constructor(
    private readonly variableName: string,
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
  send(message: unknown, connection: Connection | null): void {
    const frame = this.prepareFrame(message)
    if (frame === undefined) return
    if (connection?.opened && connection.socket.readyState === OPEN) {
      this.transmit(connection, frame)
    } else if (!this.queue.offer(frame)) {
      this.events.reportError(
        new TetherError(
          ErrorCodes.SEND_QUEUE_FULL,
          `The send queue of '${this.variableName}' is full (${this.queue.limit} messages waiting for the connection); this message was not queued. Open the connection or raise sendQueueLimit.`,
        ),
      )
    }
  }

  /**
   * On each new connection: the RequestBody (a subscribe message; on reconnects only when
   * resendRequestBodyOnReconnect), then the queue in order. A queued copy of the RequestBody is not sent
   * twice. `isCurrent` stops the flush when the socket goes away half-way; the rest waits for the next one.
   */
  flushOnOpen(connection: Connection, requestBody: unknown, isCurrent: () => boolean): void {
    const first = !this.everOpened
    this.everOpened = true
    if ((first || this.resendRequestBodyOnReconnect) && requestBody !== undefined && requestBody !== null) {
      const frame = requestBody === '' ? undefined : this.prepareFrame(requestBody)
      if (frame !== undefined) {
        this.queue.removeFirst(frame)
        this.transmit(connection, frame)
      }
    }
    const frames = this.queue.drain()
    for (let i = 0; i < frames.length; i++) {
      if (!isCurrent() || connection.socket.readyState !== OPEN) {
        this.queue.restore(frames.slice(i))
        return
      }
      this.transmit(connection, frames[i] as OutgoingFrame)
    }
  }

  clear(): void {
    this.queue.clear()
  }

  /** onBeforeMessageSend, then serialisation; undefined when cancelled or unsendable (reported). */
  private prepareFrame(message: unknown): OutgoingFrame | undefined {
    const verdict = this.events.call('onBeforeMessageSend', message, {})
    if (verdict === false) return undefined
    try {
      return toFrame(verdict === undefined ? message : verdict)
    } catch (cause) {
      this.events.reportError(asTetherError(cause, ErrorCodes.SEND_FAILED, 'The message could not be sent'))
      return undefined
    }
  }

  private transmit(connection: Connection, frame: OutgoingFrame): void {
    try {
      connection.socket.send(frame)
    } catch (cause) {
      this.events.reportError(asTetherError(cause, ErrorCodes.SEND_FAILED, 'The socket refused the message'))
    }
  }
}
