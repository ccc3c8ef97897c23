import { compileExpression } from '@tether/core'
import type { PageRuntime } from '@tether/runtime'

/** Longest preview text; a whole dataSet streaming in would otherwise fill the dialog. */
export const PREVIEW_LIMIT = 240

/** What the preview shows: the value as text, or why it could not be read. */
export type LivePreview = { ok: true; text: string } | { ok: false; message: string }

/**
 * The names a binding reads, as the runtime builds them for a page (without a List item's own names:
 * `item` is only known row by row, inside the list).
 */
export function previewScope(runtime: PageRuntime): Record<string, unknown> {
  return {
    Variables: runtime.variables.snapshot(),
    Widgets: runtime.widgets.snapshot(),
    loggedInUser: runtime.loggedInUser.getSnapshot(),
    App: runtime.app,
    Page: runtime.page,
  }
}

/** The value as one line of text, cut at `limit` characters: strings as they are, the rest as JSON. */
export function formatPreview(value: unknown, limit = PREVIEW_LIMIT): string {
  let text: string
  if (value === undefined) text = 'undefined'
  else if (typeof value === 'string') text = value
  else if (typeof value === 'bigint') text = `${value}n`
  else if (typeof value === 'function') text = '[function]'
  else {
    try {
      text = JSON.stringify(value) ?? String(value)
    } catch {
      text = String(value) // cyclic: its tag is all there is to show
    }
    if (Array.isArray(value)) text = `${value.length} item${value.length === 1 ? '' : 's'}: ${text}`
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text
}

/** Evaluates the expression with core's compiler against the runtime's current values. */
export function evaluatePreview(source: string, runtime: PageRuntime, limit = PREVIEW_LIMIT): LivePreview {
  try {
    return { ok: true, text: formatPreview(compileExpression(source).evaluate(previewScope(runtime)), limit) }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

/**
 * Calls `listener` when something the expression reads changes, watching only those variables and
 * widgets (a bare `Variables` or `Widgets` watches them all), like the runtime's own bindings.
 */
export function watchDependencies(
  runtime: PageRuntime,
  dependencies: readonly string[],
  listener: () => void,
): () => void {
  const stops: (() => void)[] = []
  const seen = new Set<string>()
  for (const path of dependencies) {
    const [root, name] = path.split('.')
    // `loggedInUser.dataSet.name` and `loggedInUser.dataSet.id` are one thing to watch.
    const key = root === 'loggedInUser' || name === undefined ? `${root}` : `${root}.${name}`
    if (seen.has(key)) continue
    seen.add(key)
    if (root === 'Variables') {
      stops.push(
        name === undefined ? runtime.variables.subscribeAll(listener) : runtime.variables.subscribe(name, listener),
      )
    } else if (root === 'Widgets') {
      stops.push(
        name === undefined ? runtime.widgets.subscribeAll(listener) : runtime.widgets.subscribe(name, listener),
      )
    } else if (root === 'loggedInUser') {
      stops.push(runtime.loggedInUser.subscribe(listener))
    }
  }
  return () => {
    for (const stop of stops) stop()
  }
}
