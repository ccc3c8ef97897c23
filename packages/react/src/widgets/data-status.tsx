import { IDENTIFIER_SOURCE } from '@tether/core'
import { bindingSource, type Failure, failureDetail, type PageRuntime, plainErrorMessage } from '@tether/runtime'
import { type ReactNode, useCallback, useSyncExternalStore } from 'react'
import { FailureText } from './FailureText.js'

export interface DataSourceStatus {
  /** 'loading' while the first data is on its way, 'error' when the source failed, else 'ready'. */
  state: 'loading' | 'error' | 'ready'
  /** The last failure in plain words (`plainErrorMessage`), or null. */
  error: string | null
  /** The last failure as a developer reads it (`failureDetail`), or null. */
  detail: string | null
}

const LOADING = new Set(['idle', 'connecting', 'loading', 'reconnecting'])

const VARIABLE_PATH = new RegExp(`^Variables\\.(${IDENTIFIER_SOURCE})\\b`)

/** Which variable a dataset binding reads: `bind:Variables.heartrate.dataSet` → `heartrate`. */
export function sourceVariableName(raw: unknown): string | null {
  const source = bindingSource(raw)
  return source === null ? null : (VARIABLE_PATH.exec(source)?.[1] ?? null)
}

function readStatus(runtime: PageRuntime, name: string | null): { state?: string; lastError?: Failure | null } | null {
  if (name === null) return null
  const snapshot = runtime.variables.find(name)?.getSnapshot() as { status?: unknown } | undefined
  return (snapshot?.status ?? null) as { state?: string; lastError?: Failure | null } | null
}

/**
 * Subscribes to variable `name` through the page's frame scheduler: a stream of 1,000 messages/s
 * wakes the status selectors once per frame, not once per message (each wake-up rebuilds the
 * variable's snapshot). Stable per runtime and name, so React does not re-subscribe on every render.
 */
export function useFrameSubscription(runtime: PageRuntime, name: string | null): (listener: () => void) => () => void {
  return useCallback(
    (listener: () => void) =>
      name === null ? () => {} : runtime.variables.subscribe(name, () => runtime.scheduler.schedule(listener)),
    [runtime, name],
  )
}

/**
 * The status of the variable a data widget's `dataset` is bound to, selected down to two strings so
 * a stream of messages (which changes counters in the status) does not re-render for this alone.
 */
export function useDataSourceStatus(runtime: PageRuntime, rawDataset: unknown): DataSourceStatus {
  const name = sourceVariableName(rawDataset)
  const subscribe = useFrameSubscription(runtime, name)
  const state = useSyncExternalStore(subscribe, () => readStatus(runtime, name)?.state ?? 'ready')
  const detail = useSyncExternalStore(subscribe, () => {
    const lastError = readStatus(runtime, name)?.lastError
    return lastError ? failureDetail(lastError) : null
  })
  const error = useSyncExternalStore(subscribe, () => {
    const lastError = readStatus(runtime, name)?.lastError
    return lastError ? plainErrorMessage(lastError) : null
  })
  if (state === 'error' || (state === 'closed' && error !== null)) return { state: 'error', error, detail }
  if (LOADING.has(state)) return { state: 'loading', error, detail }
  return { state: 'ready', error: null, detail: null }
}

/** The shared empty / loading / error line shown by data widgets. */
export function DataStateMessage({
  status,
  empty,
  emptyMessage,
}: {
  status: DataSourceStatus
  empty: boolean
  emptyMessage?: unknown
}): ReactNode {
  if (status.state === 'error')
    return (
      <div className="tether-state tether-state-error" role="alert">
        <FailureText sentence={status.error ?? plainErrorMessage(null)} detail={status.detail} />
      </div>
    )
  if (status.state === 'loading' && status.error !== null)
    return (
      <div className="tether-state tether-state-loading">
        <FailureText sentence={status.error} detail={status.detail} />
      </div>
    )
  if (!empty) return null
  if (status.state === 'loading') return <div className="tether-state tether-state-loading">Loading…</div>
  return (
    <div className="tether-state tether-state-empty">
      {typeof emptyMessage === 'string' ? emptyMessage : 'No data yet.'}
    </div>
  )
}
