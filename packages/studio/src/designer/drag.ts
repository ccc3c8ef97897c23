import type { WidgetNode } from '@tether/runtime'
import { findWidget, type InsertTarget, insertionPoint } from './page-tree.js'

/** What is being dragged: a palette entry (a new widget) or an existing widget being moved. */
export type DragItem = { kind: 'new'; type: string } | { kind: 'move'; name: string }

/** The dataTransfer type the designer uses (other drops, e.g. files, are ignored). */
export const DRAG_MIME = 'application/x-tether-widget'

/** The widget name under a drag/click point: the nearest `[data-widget]` inside `root`. */
export function widgetAt(target: EventTarget | null, root: HTMLElement): string | null {
  let element = target instanceof Element ? target.closest('[data-widget]') : null
  while (element && !root.contains(element)) element = null
  return element?.getAttribute('data-widget') ?? null
}

/**
 * Where a drop over the widget `over` (null = empty canvas) puts the dragged item; null when it
 * cannot go there (a GridColumn outside a GridRow, a container dropped into itself).
 */
export function dropTarget(widgets: readonly WidgetNode[], item: DragItem, over: string | null): InsertTarget | null {
  if (item.kind === 'new') return insertionPoint(widgets, over, item.type)
  const moving = findWidget(widgets, item.name)
  if (!moving) return null
  if (over !== null) {
    // Not into itself or its own descendants.
    const inside = findWidget(moving.node.children ?? [], over)
    if (over === item.name || inside) return null
  }
  return insertionPoint(widgets, over, moving.node.type)
}
