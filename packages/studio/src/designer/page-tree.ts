import type { WidgetNode } from '@tether/runtime'
import { findWidget, flattenWidgets } from '../model/widget-tree.js'
import { canContain } from './widget-catalog.js'

export { findWidget, flattenWidgets, type Located } from '../model/widget-tree.js'

/**
 * Immutable edits of a page's widget tree. Every function returns a new array and shares the
 * untouched subtrees, so the live canvas re-renders only the widgets that changed.
 */

/** `base1`, `base2`, … — the first name no widget uses yet (nor any in `taken`). */
export function uniqueName(
  widgets: readonly WidgetNode[],
  base: string,
  taken: ReadonlySet<string> = new Set(),
): string {
  const used = new Set(flattenWidgets(widgets).map((entry) => entry.node.name))
  for (let n = 1; ; n++) {
    const candidate = `${base}${n}`
    if (!used.has(candidate) && !taken.has(candidate)) return candidate
  }
}

/** Applies `change` to the children of `parent` (null = the top level). */
function editChildren(
  widgets: readonly WidgetNode[],
  parent: string | null,
  change: (children: WidgetNode[]) => WidgetNode[],
): WidgetNode[] {
  if (parent === null) return change([...widgets])
  return widgets.map((node) => {
    if (node.name === parent) return { ...node, children: change([...(node.children ?? [])]) }
    if (!node.children) return node
    const children = editChildren(node.children, parent, change)
    return children.some((child, i) => child !== node.children?.[i]) ? { ...node, children } : node
  })
}

export interface InsertTarget {
  /** The container's name, or null for the page's top level. */
  parent: string | null
  /** Position among its children; defaults to the end. */
  index?: number
}

export function insertWidget(widgets: readonly WidgetNode[], node: WidgetNode, target: InsertTarget): WidgetNode[] {
  return editChildren(widgets, target.parent, (children) => {
    const at = target.index === undefined ? children.length : Math.max(0, Math.min(children.length, target.index))
    children.splice(at, 0, node)
    return children
  })
}

export function removeWidget(widgets: readonly WidgetNode[], name: string): WidgetNode[] {
  const found = findWidget(widgets, name)
  if (!found) return [...widgets]
  return editChildren(widgets, found.parent?.name ?? null, (children) => children.filter((c) => c.name !== name))
}

export function updateWidget(
  widgets: readonly WidgetNode[],
  name: string,
  change: (node: WidgetNode) => WidgetNode,
): WidgetNode[] {
  const found = findWidget(widgets, name)
  if (!found) return [...widgets]
  return editChildren(widgets, found.parent?.name ?? null, (children) =>
    children.map((child) => (child.name === name ? change(child) : child)),
  )
}

function contains(node: WidgetNode, name: string): boolean {
  return node.name === name || (node.children ?? []).some((child) => contains(child, name))
}

/**
 * Moves `name` into `target` (which must accept it and must not be inside it). Returns null when the
 * move is not allowed, so callers can say why instead of silently doing nothing.
 */
export function moveWidget(widgets: readonly WidgetNode[], name: string, target: InsertTarget): WidgetNode[] | null {
  const found = findWidget(widgets, name)
  if (!found) return null
  const parentNode = target.parent === null ? null : findWidget(widgets, target.parent)?.node
  if (parentNode === undefined) return null
  if (parentNode && contains(found.node, parentNode.name)) return null
  if (!canContain(parentNode?.type ?? null, found.node.type)) return null
  // Moving within the same parent: the index counts positions after the node was taken out.
  let index = target.index
  if (index !== undefined && (found.parent?.name ?? null) === target.parent && index > found.index) index -= 1
  return insertWidget(removeWidget(widgets, name), found.node, index === undefined ? target : { ...target, index })
}

/** One step up or down among its siblings; null at the edge. */
export function moveStep(widgets: readonly WidgetNode[], name: string, step: -1 | 1): WidgetNode[] | null {
  const found = findWidget(widgets, name)
  if (!found) return null
  const siblings = found.parent?.children ?? widgets
  const to = found.index + step
  if (to < 0 || to >= siblings.length) return null
  return editChildren(widgets, found.parent?.name ?? null, (children) => {
    const [node] = children.splice(found.index, 1)
    if (node) children.splice(to, 0, node)
    return children
  })
}

/** Into the previous sibling container (at its end); null when there is none that accepts it. */
export function moveIntoPrevious(widgets: readonly WidgetNode[], name: string): WidgetNode[] | null {
  const found = findWidget(widgets, name)
  if (!found || found.index === 0) return null
  const siblings = found.parent?.children ?? widgets
  const previous = siblings[found.index - 1]
  if (!previous?.children) return null
  return moveWidget(widgets, name, { parent: previous.name })
}

/** Out of its container, right after it; null at the top level or when the grandparent refuses it. */
export function moveOut(widgets: readonly WidgetNode[], name: string): WidgetNode[] | null {
  const found = findWidget(widgets, name)
  if (!found?.parent) return null
  const parent = findWidget(widgets, found.parent.name)
  if (!parent) return null
  return moveWidget(widgets, name, { parent: parent.parent?.name ?? null, index: parent.index + 1 })
}

/**
 * Where a new widget of `type` goes when inserted relative to the selection: into the selected
 * container if it accepts it, else after the selected widget in the nearest ancestor that accepts it,
 * else at the end of the page. Null when nothing accepts it (a GridColumn with no GridRow selected).
 */
export function insertionPoint(
  widgets: readonly WidgetNode[],
  selected: string | null,
  type: string,
): InsertTarget | null {
  let current = selected === null ? null : findWidget(widgets, selected)
  if (current && canContain(current.node.type, type)) return { parent: current.node.name }
  while (current) {
    const parentType = current.parent?.type ?? null
    if (canContain(parentType, type)) return { parent: current.parent?.name ?? null, index: current.index + 1 }
    current = current.parent ? findWidget(widgets, current.parent.name) : null
  }
  return canContain(null, type) ? { parent: null } : null
}
