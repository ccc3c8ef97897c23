import { ErrorCodes } from '../errors.js'
import {
  type ConnectionAction,
  type ConnectionStatus,
  connectionStatusReducer,
  initialConnectionStatus,
} from './connectionStatus.js'
import type { VariableSnapshot } from './options.js'
import { asTetherError } from './outgoing.js'

/** The data part of a snapshot, read from the datasets when a snapshot is (re)built. */
export type SnapshotData = Omit<VariableSnapshot, 'status'>

/**
 * Holds a variable's status and its snapshot, and tells subscribers about changes. A snapshot is built
 * lazily and kept until the next change so `useSyncExternalStore` sees a stable object; listeners run
 * once per microtask however many messages arrived, so a burst costs one render.
 */
export class ChangeNotifier {
  private statusValue: ConnectionStatus = initialConnectionStatus
  private snapshot: VariableSnapshot | null = null
  private readonly listeners = new Set<() => void>()
  private notifyScheduled = false

  constructor(
    private readonly variableName: string,
    private readonly readData: () => SnapshotData,
  ) {}

  get status(): ConnectionStatus {
    return this.statusValue
  }

  /** Every lifecycle change goes through the reducer; a no-op action notifies nobody. */
  dispatch(action: ConnectionAction): void {
    const next = connectionStatusReducer(this.statusValue, action)
    if (next === this.statusValue) return
    this.statusValue = next
    this.changed()
  }

  getSnapshot(): VariableSnapshot {
    if (this.snapshot !== null) return this.snapshot
    this.snapshot = Object.freeze({ ...this.readData(), status: this.statusValue })
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
    if (this.notifyScheduled || this.listeners.size === 0) return
    this.notifyScheduled = true
    queueMicrotask(() => {
      this.notifyScheduled = false
      for (const listener of [...this.listeners]) {
        try {
          listener()
        } catch (cause) {
          // Recorded without a new notification, so a listener that always throws cannot loop.
          const error = asTetherError(cause, ErrorCodes.HANDLER_FAILED, `A subscriber of '${this.variableName}' threw`)
          this.statusValue = connectionStatusReducer(this.statusValue, { type: 'errorReported', error })
          this.snapshot = null
        }
      }
    })
  }
}
