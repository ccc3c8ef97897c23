import { useCallback, useSyncExternalStore } from 'react'

/** Anything with the core variable surface: `subscribe(listener) → unsubscribe` and `getSnapshot()`. */
export interface SubscribableVariable<TSnapshot> {
  subscribe(listener: () => void): () => void
  getSnapshot(): TSnapshot
}

const noSubscription = () => () => {}
const nothing = () => undefined

/**
 * The live snapshot of a variable (WebSocket, CRUD, static…); the component re-renders when the
 * variable publishes a new snapshot. With `null`/`undefined` (not created yet) it returns undefined.
 *
 * @example
 * const { dataSet, status } = useVariable(heartrate)
 */
export function useVariable<TSnapshot>(variable: SubscribableVariable<TSnapshot>): TSnapshot
export function useVariable<TSnapshot>(
  variable: SubscribableVariable<TSnapshot> | null | undefined,
): TSnapshot | undefined
export function useVariable<TSnapshot>(
  variable: SubscribableVariable<TSnapshot> | null | undefined,
): TSnapshot | undefined {
  // Wrapped so methods that rely on `this` work even when not bound by the variable.
  const subscribe = useCallback(
    (listener: () => void) => (variable ? variable.subscribe(listener) : noSubscription()),
    [variable],
  )
  const getSnapshot = useCallback(() => (variable ? variable.getSnapshot() : undefined), [variable])
  return useSyncExternalStore(subscribe, variable ? getSnapshot : nothing, variable ? getSnapshot : nothing)
}
