import { ErrorCodes } from '../errors.js'
import {
  type ConnectionAction,
  type ConnectionStatus,
  connectionStatusReducer,
  initialConnectionStatus,
} from './connection-status.js'
import type { VariableSnapshot } from './options.js'
import { asTetherError } from './outgoing.js'

/** The data part of a snapshot, read from the datasets when a snapshot is (re)built. */
export type SnapshotData = Omit<VariableSnapshot, 'status'>

/**
 * Holds a variable's status and its snapshot, and tells subscribers about changes. A snapshot is built
 * lazily and kept until the next change so `useSyncExternalStore` sees a stable object; listeners run
 * once per microtask however many messages arrived, so a burst costs one render.
 *
 * Received messages are the hot path, so they are only counted here: the status object is rebuilt (through
 * the reducer) when someone reads it, and the clock is read once per tick (a burst delivered in one tick
 * shares its `lastMessageAt`), not once per message.
 */
export class ChangeNotifier {
  private statusValue: ConnectionStatus = initialConnectionStatus
  private snapshot: VariableSnapshot | null = null
  private readonly listeners = new Set<() => void>()
  /** Messages counted but not yet folded into `statusValue`. */
  private unreadMessages = 0
  /** When this tick's first message arrived; undefined until a message arrives in the tick. */
  private tickAt: number | undefined
  private lastMessageAt = 0
  private tickScheduled = false
  private notifyPending = false

  constructor(
    private readonly variableName: string,
    private readonly readData: () => SnapshotData,
  ) {}

  get status(): ConnectionStatus {
    if (this.unreadMessages > 0) {
      const action = { type: 'messageReceived', at: this.lastMessageAt, count: this.unreadMessages } as const
      this.unreadMessages = 0
      this.statusValue = connectionStatusReducer(this.statusValue, action)
    }
    return this.statusValue
  }

  /** Every lifecycle change goes through the reducer; a no-op action notifies nobody. */
  dispatch(action: ConnectionAction): void {
    const current = this.status
    const next = connectionStatusReducer(current, action)
    if (next === current) return
    this.statusValue = next
    this.changed()
  }

  /** One frame arrived: counted in `status.messagesReceived` and `status.lastMessageAt`. */
  messageReceived(): void {
    if (this.tickAt === undefined) {
      this.tickAt = Date.now()
      this.lastMessageAt = this.tickAt
      this.scheduleTick()
    }
    this.unreadMessages++
    this.changed()
  }

  getSnapshot(): VariableSnapshot {
    if (this.snapshot !== null) return this.snapshot
    const data = this.readData()
    // A literal, not a spread: rebuilt after every change, so it is on the per-message path of a subscriber.
    this.snapshot = Object.freeze({
      dataSet: data.dataSet,
      firstRecord: data.firstRecord,
      lastRecord: data.lastRecord,
      datasets: data.datasets,
      status: this.status,
    })
    return this.snapshot
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Drops every listener (the variable was disposed). */
  clear(): void {
    this.listeners.clear()
  }

  /** Something a snapshot shows has changed: forget the snapshot and schedule one notification. */
  changed(): void {
    this.snapshot = null
    if (this.notifyPending || this.listeners.size === 0) return
    this.notifyPending = true
    this.scheduleTick()
  }

  private scheduleTick(): void {
    if (this.tickScheduled) return
    this.tickScheduled = true
    queueMicrotask(this.endTick)
  }

  /** The tick is over: the next message reads the clock again, and subscribers hear of this tick's changes. */
  private readonly endTick = (): void => {
    this.tickScheduled = false
    this.tickAt = undefined
    if (!this.notifyPending) return
    this.notifyPending = false
    for (const listener of [...this.listeners]) {
      try {
        listener()
      } catch (cause) {
        // Recorded without a new notification, so a listener that always throws cannot loop.
        const error = asTetherError(cause, ErrorCodes.HANDLER_FAILED, `A subscriber of '${this.variableName}' threw`)
        this.statusValue = connectionStatusReducer(this.status, { type: 'errorReported', error })
        this.snapshot = null
      }
    }
  }
}
