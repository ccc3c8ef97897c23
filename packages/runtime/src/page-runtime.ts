import type { LoggedInUserVariable } from './logged-in-user.js'
import type { FrameScheduler } from './scheduler.js'
import type { VariableScope } from './variable-scope.js'
import type { WidgetValues } from './widget-values.js'

export type NotifyLevel = 'info' | 'success' | 'warning' | 'error'

/**
 * A page-script handler: a named export of the page's script module, run by a `{ script: 'name' }`
 * action and called as in the reference, `(variable, data, options)`: the variable (or widget) whose event
 * fired, the event's data (the message, the click), and `options` — what the event adds (`raw`,
 * `channel`, `url`, …) and `options.page`, the page the handler may read and change.
 *
 * ```js
 * export function chatroomonMessageReceive(variable, data, options) {
 *   options.page.setWidget('lastMessage', 'caption', data.message)
 * }
 * ```
 */
export type ScriptHandler = (subject: unknown, data: unknown, options: ScriptOptions) => unknown

/** The page as a handler sees it (`options.page`). */
export interface ScriptPage {
  Variables: Record<string, unknown>
  Widgets: Record<string, Record<string, unknown>>
  /** The live variable objects, to call methods on (`variable('chatroom')?.send('hi')`). */
  variable(name: string): unknown
  setWidget(name: string, property: string, value: unknown): void
  navigate(page: string): void
  notify(message: string, level?: NotifyLevel): void
}

/** A handler's third argument: what the event adds, and the page. */
export type ScriptOptions = Record<string, unknown> & { page: ScriptPage }

/** What fired an event, for the handlers it runs: the variable or widget, and what the event adds. */
export interface EventOrigin {
  subject: unknown
  info?: object | undefined
}

/** Everything a page's bindings and actions run against. One per page; `variables.parent` is the app's. */
export interface PageRuntime {
  app: { name: string; title: string }
  page: { name: string; title: string }
  variables: VariableScope
  widgets: WidgetValues
  loggedInUser: LoggedInUserVariable
  scheduler: FrameScheduler
  handlers: Record<string, ScriptHandler>
  navigate(page: string): void
  notify(message: string, level?: NotifyLevel): void
  /** Pushes bound variable inputs (dataBinding, filters) now; runs before an action calls the variable. */
  syncInputs(variableName: string): void
}

/**
 * Key of a List item's local scope holding `{ [listName]: item }` for every enclosing List, so that
 * `Widgets.<list>.currentItem` means the item being rendered inside that list's template (as in the
 * reference). A symbol: expressions only read identifiers, so they cannot see or forge it.
 */
export const LIST_ITEMS: unique symbol = Symbol('tether.listItems')

/** A local scope as List items build it: names for expressions plus the enclosing lists' items. */
export type LocalScope = Record<string, unknown> & { [LIST_ITEMS]?: Record<string, unknown> }

function widgetsFor(runtime: PageRuntime, local: LocalScope | undefined): Record<string, unknown> {
  const widgets = runtime.widgets.snapshot()
  const items = local?.[LIST_ITEMS]
  if (!items) return widgets
  const out: Record<string, unknown> = { ...widgets }
  for (const [list, item] of Object.entries(items)) out[list] = { ...widgets[list], currentItem: item }
  return out
}

/** The names an expression can read: `Variables`, `Widgets`, `loggedInUser`, `App`, `Page` + local names. */
export function evaluationScope(runtime: PageRuntime, local?: LocalScope): Record<string, unknown> {
  return {
    Variables: runtime.variables.snapshot(),
    Widgets: widgetsFor(runtime, local),
    loggedInUser: runtime.loggedInUser.getSnapshot(),
    App: runtime.app,
    Page: runtime.page,
    ...local,
  }
}

/**
 * Subscribes to exactly what the expression reads, from its dependency paths
 * (`Variables.chatroom.dataSet` → the chatroom variable; `Widgets.message.datavalue` → that widget).
 * A bare `Variables` / `Widgets` (dynamic indexing) watches them all.
 */
export function subscribeDependencies(
  runtime: PageRuntime,
  dependencies: Iterable<string>,
  listener: () => void,
): () => void {
  const stops: (() => void)[] = []
  const seen = new Set<string>()
  for (const path of dependencies) {
    const [root, name] = path.split('.')
    // loggedInUser is one variable, however much of it is read (`loggedInUser`, `loggedInUser['dataSet']`).
    const key = name === undefined || root === 'loggedInUser' ? root : `${root}.${name}`
    if (key === undefined || seen.has(key)) continue
    seen.add(key)
    if (root === 'Variables') {
      if (name === undefined) stops.push(runtime.variables.subscribeAll(listener))
      else stops.push(runtime.variables.subscribe(name, listener))
    } else if (root === 'Widgets') {
      if (name === undefined) stops.push(runtime.widgets.subscribeAll(listener))
      else stops.push(runtime.widgets.subscribe(name, listener))
    } else if (root === 'loggedInUser') {
      stops.push(runtime.loggedInUser.subscribe(listener))
    }
    // item / currentItem / App / Page come from props or never change: nothing to watch.
  }
  return () => {
    for (const stop of stops) stop()
  }
}
