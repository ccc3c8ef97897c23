import { type ReactNode, useEffect, useMemo, useState } from 'react'
import type { PageDefinition } from '../page/schema.js'
import { RuntimeContext } from './context.js'
import type { PageRuntime, ScriptHandler } from './page-runtime.js'
import { type AppRuntime, createPageRuntime } from './runtime.js'
import { renderNodes } from './WidgetHost.js'
import type { WidgetRegistry } from './widget-types.js'

export interface PageViewProps {
  app: AppRuntime
  page: PageDefinition
  /** Widget types by name; usually `builtInWidgets`, optionally extended. */
  widgets: WidgetRegistry
  /** The page script's handlers (`{ script: 'name' }` actions). */
  handlers?: Record<string, ScriptHandler>
}

/**
 * Renders one page: creates its variables when mounted and disposes them (closing sockets) when
 * the page is left or replaced.
 */
export function PageView({ app, page, widgets, handlers }: PageViewProps): ReactNode {
  const [runtime, setRuntime] = useState<PageRuntime | null>(null)
  useEffect(() => {
    const handle = createPageRuntime(app, page, handlers)
    setRuntime(handle.runtime)
    return () => {
      setRuntime(null)
      handle.dispose()
    }
  }, [app, page, handlers])
  const context = useMemo(() => (runtime ? { runtime, widgets } : null), [runtime, widgets])
  if (!context) return <div className="tether-loading">Loading {page.title ?? page.name}…</div>
  return (
    <RuntimeContext.Provider value={context}>
      <div className="tether-page" data-page={page.name}>
        {renderNodes(page.widgets)}
      </div>
    </RuntimeContext.Provider>
  )
}
