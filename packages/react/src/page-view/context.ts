import type { PageRuntime } from '@tether/runtime'
import { createContext, useContext } from 'react'
import type { WidgetRegistry } from './widget-types.js'

export interface RuntimeContextValue {
  runtime: PageRuntime
  widgets: WidgetRegistry
  /** Failures show their developer detail too (the studio's live preview). */
  showErrorDetails: boolean
}

export const RuntimeContext = createContext<RuntimeContextValue | null>(null)

export function useRuntimeContext(): RuntimeContextValue {
  const value = useContext(RuntimeContext)
  if (!value) throw new Error('Tether widgets must be rendered inside <PageView> (no RuntimeContext found).')
  return value
}
