import type { PageDefinition } from '@tether/runtime'
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react'
import { DRAG_MIME, type DragItem } from './drag.js'
import { flattenWidgets } from './page-tree.js'
import { widgetSpec } from './widget-catalog.js'

export interface OutlineCommands {
  select: (name: string | null) => void
  moveStep: (step: -1 | 1) => void
  moveIn: () => void
  moveOut: () => void
  remove: () => void
  /** Enter: go to the selected widget's properties. */
  edit: () => void
}

interface Props {
  page: PageDefinition
  selected: string | null
  commands: OutlineCommands
  onDrag: (item: DragItem | null) => void
}

/**
 * The page's widget tree, the keyboard path through the designer: arrows select, Alt+arrows move,
 * Delete removes, Enter edits properties. One tab stop (roving tabindex).
 */
export function Outline({ page, selected, commands, onDrag }: Props): ReactNode {
  const entries = flattenWidgets(page.widgets)
  const tree = useRef<HTMLDivElement>(null)
  const index = entries.findIndex((e) => e.node.name === selected)

  // Keep focus on the selected row when it moves or is re-rendered, if the tree had focus.
  useEffect(() => {
    const list = tree.current
    if (!list?.contains(document.activeElement) || selected === null) return
    list.querySelector<HTMLElement>(`[data-name="${selected}"]`)?.focus()
  }, [selected])

  const onKeyDown = (event: KeyboardEvent) => {
    const go = (i: number) => {
      const entry = entries[Math.max(0, Math.min(entries.length - 1, i))]
      if (entry) commands.select(entry.node.name)
    }
    const handled = (() => {
      if (event.altKey && event.key === 'ArrowUp') commands.moveStep(-1)
      else if (event.altKey && event.key === 'ArrowDown') commands.moveStep(1)
      else if (event.altKey && event.key === 'ArrowRight') commands.moveIn()
      else if (event.altKey && event.key === 'ArrowLeft') commands.moveOut()
      else if (event.key === 'ArrowUp') go(index - 1)
      else if (event.key === 'ArrowDown') go(index + 1)
      else if (event.key === 'Home') go(0)
      else if (event.key === 'End') go(entries.length - 1)
      else if (event.key === 'Delete' || event.key === 'Backspace') commands.remove()
      else if (event.key === 'Enter') commands.edit()
      else if (event.key === 'Escape') commands.select(null)
      else return false
      return true
    })()
    if (handled) {
      event.preventDefault()
      event.stopPropagation()
    }
  }

  return (
    <div className="outline">
      <h2 className="designer-heading" id="outline-title">
        Outline
      </h2>
      {entries.length === 0 ? (
        <p className="muted small">The page is empty.</p>
      ) : (
        <div ref={tree} role="tree" aria-labelledby="outline-title" className="outline-tree" onKeyDown={onKeyDown}>
          {entries.map(({ node, depth }, i) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles the keys of all its items (onKeyDown above)
            <div
              key={node.name}
              role="treeitem"
              aria-level={depth + 1}
              aria-selected={node.name === selected}
              tabIndex={node.name === selected || (index === -1 && i === 0) ? 0 : -1}
              data-name={node.name}
              className={node.name === selected ? 'outline-item selected' : 'outline-item'}
              style={{ paddingLeft: `${0.5 + depth * 0.9}rem` }}
              draggable
              onClick={() => commands.select(node.name)}
              onDragStart={(event) => {
                event.dataTransfer.setData(DRAG_MIME, node.name)
                event.dataTransfer.effectAllowed = 'move'
                onDrag({ kind: 'move', name: node.name })
              }}
              onDragEnd={() => onDrag(null)}
            >
              <span className="outline-icon" aria-hidden="true">
                {widgetSpec(node.type)?.icon ?? '?'}
              </span>
              <span className="mono">{node.name}</span>
              <span className="muted small">{node.type}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
