import type { WidgetNode } from '@tether/runtime'

/**
 * Reading a page's widget tree: what the designer edits and what bindings and variables look up.
 * It sits in model/ so those folders need not import the designer.
 */

export interface Located {
  node: WidgetNode
  /** null = top level. */
  parent: WidgetNode | null
  index: number
  depth: number
}

/** Every widget, depth first, in document order. */
export function flattenWidgets(widgets: readonly WidgetNode[], parent: WidgetNode | null = null, depth = 0): Located[] {
  const out: Located[] = []
  widgets.forEach((node, index) => {
    out.push({ node, parent, index, depth })
    if (node.children) out.push(...flattenWidgets(node.children, node, depth + 1))
  })
  return out
}

export function findWidget(widgets: readonly WidgetNode[], name: string): Located | null {
  return flattenWidgets(widgets).find((entry) => entry.node.name === name) ?? null
}
