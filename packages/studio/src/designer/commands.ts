import { IDENTIFIER_RULE, isIdentifier } from '@tether/core'
import type { PageDefinition } from '@tether/runtime'
import { renameReferences } from '../variables/rename-references.js'
import type { DragItem } from './drag.js'
import {
  findWidget,
  type InsertTarget,
  insertWidget,
  moveIntoPrevious,
  moveOut,
  moveStep,
  moveWidget,
  removeWidget,
  uniqueName,
} from './page-tree.js'
import { createWidget } from './widget-catalog.js'

/** A designer edit: the new page, what to select and what to announce; or why it could not be done. */
export type EditResult = { page: PageDefinition; select: string | null; notice: string } | { problem: string }

const withWidgets = (page: PageDefinition, widgets: PageDefinition['widgets']): PageDefinition => ({ ...page, widgets })
const where = (target: InsertTarget) => (target.parent === null ? 'the page' : target.parent)

/** A new widget of `type` at `target`, named uniquely (`label1`, `chart2`, …). */
export function insertNew(page: PageDefinition, type: string, target: InsertTarget): EditResult {
  const taken = new Set<string>()
  const node = createWidget(type, (base) => {
    const name = uniqueName(page.widgets, base, taken)
    taken.add(name)
    return name
  })
  return {
    page: withWidgets(page, insertWidget(page.widgets, node, target)),
    select: node.name,
    notice: `Inserted ${node.name} into ${where(target)}.`,
  }
}

export function drop(page: PageDefinition, item: DragItem, target: InsertTarget): EditResult {
  if (item.kind === 'new') return insertNew(page, item.type, target)
  const widgets = moveWidget(page.widgets, item.name, target)
  if (!widgets) return { problem: `${item.name} cannot go there.` }
  return { page: withWidgets(page, widgets), select: item.name, notice: `Moved ${item.name} into ${where(target)}.` }
}

export type Arrange = 'up' | 'down' | 'in' | 'out' | 'delete'

/** Moves or deletes the selected widget. */
export function arrange(page: PageDefinition, name: string, how: Arrange): EditResult {
  if (how === 'delete') {
    const found = findWidget(page.widgets, name)
    if (!found) return { problem: 'Select a widget first.' }
    const siblings = found.parent?.children ?? page.widgets
    const next = siblings[found.index + 1] ?? siblings[found.index - 1] ?? found.parent
    return {
      page: withWidgets(page, removeWidget(page.widgets, name)),
      select: next?.name ?? null,
      notice: `Deleted ${name}.`,
    }
  }
  const widgets =
    how === 'up'
      ? moveStep(page.widgets, name, -1)
      : how === 'down'
        ? moveStep(page.widgets, name, 1)
        : how === 'in'
          ? moveIntoPrevious(page.widgets, name)
          : moveOut(page.widgets, name)
  if (!widgets) {
    const why = {
      up: 'is first already',
      down: 'is last already',
      in: 'has no container above it that takes it',
      out: 'cannot move out here',
    }
    return { problem: `${name} ${why[how]}.` }
  }
  const location = findWidget(widgets, name)
  return {
    page: withWidgets(page, widgets),
    select: name,
    notice: `Moved ${name} ${how} (now in ${location?.parent?.name ?? 'the page'}, position ${(location?.index ?? 0) + 1}).`,
  }
}

/** Renames a widget and rewrites `Widgets.<old>` bindings and setWidget actions. */
export function renameWidget(page: PageDefinition, from: string, to: string): EditResult {
  if (!isIdentifier(to)) return { problem: IDENTIFIER_RULE }
  if (findWidget(page.widgets, to)) return { problem: `"${to}" is already used by another widget.` }
  return { page: renameReferences(page, 'widget', from, to), select: to, notice: `Renamed ${from} to ${to}.` }
}
