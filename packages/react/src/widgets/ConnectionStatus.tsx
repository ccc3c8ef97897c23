import { type Failure, failureDetail, plainErrorMessage } from '@tether/runtime'
import { type ReactNode, useSyncExternalStore } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { useFrameSubscription } from './data-status.js'
import { FailureText } from './FailureText.js'

interface StatusLike {
  state?: string
  attempts?: number
  lastError?: Failure | null
  nextRetryAt?: number | null
}

const LABELS: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closing: 'Closing…',
  closed: 'Closed',
  error: 'Connection failed',
  loading: 'Loading…',
  ready: 'Ready',
}

/**
 * Shows the state of the WebSocket variable named by `variable`: a coloured dot and label, the
 * reconnect attempt count and the last error. `Reconnect` calls the variable's `open()`.
 */
export function ConnectionStatus({ node, props, runtime }: WidgetProps): ReactNode {
  const name = typeof props.variable === 'string' ? props.variable : ''
  const variable = runtime.variables.find(name) as
    | ({ open?: () => unknown; getSnapshot(): unknown } & object)
    | undefined
  // Selected to a string so message counters in the status do not re-render the indicator.
  const key = useSyncExternalStore(useFrameSubscription(runtime, name), () => {
    const status = ((variable?.getSnapshot() as { status?: StatusLike } | undefined)?.status ?? {}) as StatusLike
    const failure = status.lastError
    return JSON.stringify([
      status.state ?? 'idle',
      status.attempts ?? 0,
      failure ? plainErrorMessage(failure) : null,
      failure ? failureDetail(failure) : null,
    ])
  })
  if (!variable) {
    return (
      <div className="tether-widget-error" data-widget={node.name}>
        No variable named "{name}" to show the connection of.
      </div>
    )
  }
  const [state, attempts, error, detail] = JSON.parse(key) as [string, number, string | null, string | null]
  const canReconnect = (state === 'closed' || state === 'error') && typeof variable.open === 'function'
  return (
    <div
      className={`tether-connection tether-connection-${state}`}
      data-widget={node.name}
      data-state={state}
      role="status"
    >
      <span className="tether-connection-dot" aria-hidden="true" />
      <span className="tether-connection-label">{LABELS[state] ?? state}</span>
      {attempts > 0 && state !== 'open' && <span className="tether-connection-attempts">attempt {attempts}</span>}
      {error && state !== 'open' && (
        <FailureText className="tether-connection-error" sentence={error} detail={detail} />
      )}
      {canReconnect && (
        <button
          type="button"
          className="tether-link-button"
          onClick={() => void Promise.resolve(variable.open?.()).catch(() => {})}
        >
          Reconnect
        </button>
      )}
    </div>
  )
}
