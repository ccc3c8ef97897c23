import type { TetherError } from '../errors.js'
import type { UpstreamStatus } from '../feed/index.js'

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closing' | 'closed' | 'error'

/**
 * The connection as data, for widgets to show. `attempts` counts connection attempts since the last
 * connection that stayed open for `reconnect.minUptimeMs` (it drives the backoff, so a server that
 * accepts and closes at once is retried ever more slowly); `nextRetryAt` is the epoch ms of the next
 * automatic retry, if any.
 */
export interface ConnectionStatus {
  readonly state: ConnectionState
  readonly attempts: number
  /** The last failure: its code, the developer's message, and the close code it came with, if any. */
  readonly lastError: { readonly code: string; readonly message: string; readonly closeCode?: number } | null
  readonly lastMessageAt: number | null
  readonly messagesReceived: number
  readonly nextRetryAt: number | null
  /**
   * A shared service's upstream connection, held by the server for every viewer: "the feed is
   * reconnecting" as opposed to `state`, "this viewer is reconnecting". Null when the service is not
   * shared or the server has not said yet.
   */
  readonly upstream: UpstreamStatus | null
}

/** Every lifecycle change of a variable is one of these actions, applied by `connectionStatusReducer`. */
export type ConnectionAction =
  | { type: 'connect' }
  | { type: 'opened' }
  /** The connection stayed open for the minimum uptime: the attempt count starts again from zero. */
  | { type: 'stable' }
  /** `count` messages (default 1) arrived, the last at `at`; the notifier batches them per status read. */
  | { type: 'messageReceived'; at: number; count?: number }
  | { type: 'retryScheduled'; at: number; error: TetherError }
  | { type: 'failed'; error: TetherError }
  | { type: 'errorReported'; error: TetherError }
  | { type: 'closing' }
  | { type: 'closed' }
  /** The server reported a new state of a shared service's upstream connection. */
  | { type: 'upstreamChanged'; upstream: UpstreamStatus }

export const initialConnectionStatus: ConnectionStatus = Object.freeze({
  state: 'idle',
  attempts: 0,
  lastError: null,
  lastMessageAt: null,
  messagesReceived: 0,
  nextRetryAt: null,
  upstream: null,
})

const errorOf = (error: TetherError) =>
  Object.freeze(
    error.closeCode === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, closeCode: error.closeCode },
  )

/** The one place the lifecycle is written down. Returns the same object when nothing changed. */
export function connectionStatusReducer(status: ConnectionStatus, action: ConnectionAction): ConnectionStatus {
  switch (action.type) {
    case 'connect':
      return Object.freeze({ ...status, state: 'connecting', attempts: status.attempts + 1, nextRetryAt: null })
    case 'opened':
      // An open socket clears the error that led to the reconnect; the attempt count waits for `stable`.
      return Object.freeze({ ...status, state: 'open', lastError: null, nextRetryAt: null })
    case 'stable':
      return status.attempts === 0 ? status : Object.freeze({ ...status, attempts: 0 })
    case 'messageReceived':
      // Batched by ChangeNotifier (applied when the status is read); an explicit literal beats spreading.
      return Object.freeze({
        state: status.state,
        attempts: status.attempts,
        lastError: status.lastError,
        lastMessageAt: action.at,
        messagesReceived: status.messagesReceived + (action.count ?? 1),
        nextRetryAt: status.nextRetryAt,
        upstream: status.upstream,
      })
    case 'retryScheduled':
      return Object.freeze({
        ...status,
        state: 'reconnecting',
        lastError: errorOf(action.error),
        nextRetryAt: action.at,
      })
    case 'failed':
      return Object.freeze({ ...status, state: 'error', lastError: errorOf(action.error), nextRetryAt: null })
    case 'errorReported':
      return Object.freeze({ ...status, lastError: errorOf(action.error) })
    case 'closing':
      return status.state === 'closing' ? status : Object.freeze({ ...status, state: 'closing', nextRetryAt: null })
    case 'closed':
      if (status.state === 'closed' && status.nextRetryAt === null) return status
      return Object.freeze({ ...status, state: 'closed', nextRetryAt: null })
    case 'upstreamChanged': {
      const { state, attempts } = action.upstream
      if (status.upstream?.state === state && status.upstream.attempts === attempts) return status
      return Object.freeze({ ...status, upstream: Object.freeze({ state, attempts }) })
    }
  }
}
