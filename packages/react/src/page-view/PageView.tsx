import {
  type AppRuntime,
  createPageRuntime,
  type PageDefinition,
  type PageRuntime,
  type ScriptHandler,
} from '@tether/runtime'
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import { RuntimeContext } from './context.js'
import { renderNodes } from './WidgetHost.js'
import type { WidgetRegistry } from './widget-types.js'

export interface PageViewProps {
  app: AppRuntime
  page: PageDefinition
  /** Widget types by name; usually `builtInWidgets`, optionally extended. */
  widgets: WidgetRegistry
  /** The page script's handlers (`{ script: 'name' }` actions). */
  handlers?: Record<string, ScriptHandler>
  /**
   * Told the page's runtime (its live variables and widget values) once it starts, and null when it
   * stops — for tools around the page, such as the studio's live preview of a binding.
   */
  onRuntime?: (runtime: PageRuntime | null) => void
  /**
   * Shows a collapsible "Details" line (code, close code or HTTP status, message) under each failure a
   * widget shows — for the studio's live preview. App users read only the plain sentence; the detail
   * goes to the console. Defaults to false.
   */
  showErrorDetails?: boolean
}

/**
 * Renders one page: creates its variables when mounted and disposes them (closing sockets) when
 * the page is left or replaced.
 */
export function PageView({
  app,
  page,
  widgets,
  handlers,
  onRuntime,
  showErrorDetails = false,
}: PageViewProps): ReactNode {
  const [runtime, setRuntime] = useState<PageRuntime | null>(null)
  // Kept in a ref: a new callback must not restart the page (and reconnect its sockets).
  const onRuntimeRef = useRef(onRuntime)
  onRuntimeRef.current = onRuntime
  useEffect(() => {
    const handle = createPageRuntime(app, page, handlers)
    setRuntime(handle.runtime)
    onRuntimeRef.current?.(handle.runtime)
    return () => {
      setRuntime(null)
      onRuntimeRef.current?.(null)
      handle.dispose()
    }
  }, [app, page, handlers])
  const context = useMemo(
    () => (runtime ? { runtime, widgets, showErrorDetails } : null),
    [runtime, widgets, showErrorDetails],
  )
  if (!context) return <div className="tether-loading">Loading {page.title ?? page.name}…</div>
  return (
    <RuntimeContext.Provider value={context}>
      <div className="tether-page" data-page={page.name}>
        {renderNodes(page.widgets)}
      </div>
    </RuntimeContext.Provider>
  )
}
