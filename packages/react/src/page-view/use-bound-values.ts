import { type BoundResult, BoundValues, type LocalScope, type PageRuntime } from '@tether/runtime'
import { useMemo, useSyncExternalStore } from 'react'

/**
 * The React side of `BoundValues`: the component re-renders only when one of its bound values
 * changes (the store returns the same result object otherwise).
 */
export function useBoundValues(runtime: PageRuntime, raw: Record<string, unknown>, local?: LocalScope): BoundResult {
  const store = useMemo(() => new BoundValues(runtime, raw, local), [runtime, raw, local])
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
}
