import { builtInWidgets, PageView } from '@tether/react'
import type { AppRuntime, PageDefinition, PageRuntime } from '@tether/runtime'
import { type DragEvent, type ReactNode, useRef, useState } from 'react'
import { DRAG_MIME, type DragItem, dropTarget, widgetAt } from './drag.js'
import { useLivePage } from './live-canvas.js'
import type { InsertTarget } from './page-tree.js'

interface Props {
  page: PageDefinition
  app: AppRuntime | null
  selected: string | null
  onSelect: (name: string | null) => void
  /** The item being dragged (set by the palette or the outline on dragstart). */
  dragging: DragItem | null
  onDrop: (item: DragItem, target: InsertTarget) => void
  /** Told the live page's runtime when it starts (null when it stops), for the bind dialog's preview. */
  onRuntime?: (runtime: PageRuntime | null) => void
}

/**
 * The page rendered by the runtime's own PageView with live variables. Clicks select widgets instead
 * of using them; drops land in the container under the pointer (grid columns, panel body and footer).
 */
export function Canvas({ page, app, selected, onSelect, dragging, onDrop, onRuntime }: Props): ReactNode {
  const root = useRef<HTMLElement>(null)
  const livePage = useLivePage(page)
  const [over, setOver] = useState<{ target: InsertTarget } | null>(null)

  const targetOf = (event: DragEvent): InsertTarget | null => {
    if (!dragging || !root.current) return null
    return dropTarget(page.widgets, dragging, widgetAt(event.target, root.current))
  }

  const highlight = over?.target.parent ?? null
  const css = [
    selected &&
      `.designer-canvas [data-widget="${selected}"] { outline: 2px solid var(--accent); outline-offset: 2px; }`,
    highlight &&
      `.designer-canvas [data-widget="${highlight}"] { outline: 2px dashed var(--accent); background: var(--accent-soft); }`,
    over && highlight === null && '.designer-canvas { box-shadow: inset 0 0 0 2px var(--accent); }',
  ]
    .filter(Boolean)
    .join('\n')

  return (
    <section
      ref={root}
      className="designer-canvas"
      data-testid="designer-canvas"
      aria-label="Canvas (pointer: click selects, drop inserts; the outline is the keyboard path)"
      onClickCapture={(event) => {
        // Design mode: a click selects the widget instead of pressing its button or sorting its table.
        event.preventDefault()
        event.stopPropagation()
        if (root.current) onSelect(widgetAt(event.target, root.current))
      }}
      onDragOver={(event) => {
        const target = targetOf(event)
        if (!target) {
          setOver(null)
          return
        }
        event.preventDefault()
        event.dataTransfer.dropEffect = dragging?.kind === 'move' ? 'move' : 'copy'
        if (JSON.stringify(target) !== JSON.stringify(over?.target)) setOver({ target })
      }}
      onDragLeave={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOver(null)
      }}
      onDrop={(event) => {
        const target = targetOf(event)
        setOver(null)
        if (!target || !dragging || !event.dataTransfer.types.includes(DRAG_MIME)) return
        event.preventDefault()
        onDrop(dragging, target)
      }}
    >
      <style>{css}</style>
      {page.widgets.length === 0 && (
        <div className="canvas-empty">
          <strong>Drop widgets here</strong>
          <span>Drag from the palette, or select a palette entry and press Enter.</span>
        </div>
      )}
      {/* Rendered even when empty: the page's variables stream, so bindings can be previewed first. */}
      {app ? (
        <PageView app={app} page={livePage} widgets={builtInWidgets} onRuntime={onRuntime} showErrorDetails />
      ) : (
        page.widgets.length > 0 && <p className="muted">Starting the live canvas…</p>
      )}
    </section>
  )
}
