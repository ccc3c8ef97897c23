import { lazy, type ReactNode, Suspense } from 'react'
import type { WidgetComponent, WidgetProps } from '../page-view/widget-types.js'

/**
 * A widget whose code (and libraries: uPlot for a chart, TanStack Table for a table) is a chunk of its
 * own, fetched the first time a page shows one, so an app downloads only what its pages use. Until it
 * arrives the widget's place says what is coming; a chunk that fails to load is the widget's error (its
 * error boundary shows it), never a blank page.
 */
export function lazyWidget(what: string, load: () => Promise<WidgetComponent>): WidgetComponent {
  const Loaded = lazy(async () => {
    try {
      return { default: await load() }
    } catch (error) {
      throw new Error(`The ${what} could not be loaded (${(error as Error).message}). Reload the page to try again.`)
    }
  })
  return function LazyWidget(props: WidgetProps): ReactNode {
    return (
      <Suspense
        fallback={
          <div className="tether-loading" role="status">
            Loading {what}…
          </div>
        }
      >
        <Loaded {...props} />
      </Suspense>
    )
  }
}
