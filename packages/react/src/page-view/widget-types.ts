import type { LocalScope, PageRuntime, WidgetNode } from '@tether/runtime'
import type { ReactNode } from 'react'

/** What every widget component receives from the page renderer. */
export interface WidgetProps {
  node: WidgetNode
  /** The node's props with bindings evaluated (a failed binding gives `undefined`, see `errors`). */
  props: Record<string, unknown>
  errors: Record<string, string> | null
  runtime: PageRuntime
  /** Names added by an enclosing List item (`item`, `currentItem`, `index`). */
  local: LocalScope | undefined
  /** Runs the actions of `node.events[event]`; `payload` is available to them as `event`. */
  fire(event: string, payload?: unknown): void
  /** Renders the node's children, optionally with extra local names (List items). */
  renderChildren(local?: LocalScope, nodes?: readonly WidgetNode[]): ReactNode
}

export type WidgetComponent = (props: WidgetProps) => ReactNode

export type WidgetRegistry = Record<string, WidgetComponent>
