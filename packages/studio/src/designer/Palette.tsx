import type { ReactNode } from 'react'
import { DRAG_MIME, type DragItem } from './drag.js'
import { WIDGET_CATALOG } from './widget-catalog.js'

interface Props {
  /** Enter / click: insert into the selected container (or after the selected widget). */
  onInsert: (type: string) => void
  onDrag: (item: DragItem | null) => void
}

const GROUPS = ['Layout', 'Display', 'Input', 'Data'] as const

/** Every runtime widget: drag one onto the canvas, or focus it and press Enter. */
export function Palette({ onInsert, onDrag }: Props): ReactNode {
  return (
    <nav className="palette" aria-label="Widget palette">
      <h2 className="designer-heading">Widgets</h2>
      {GROUPS.map((group) => (
        <div key={group} className="palette-group">
          <h3>{group}</h3>
          <ul>
            {WIDGET_CATALOG.filter((spec) => spec.group === group).map((spec) => (
              <li key={spec.type}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  data-widget-type={spec.type}
                  title={`${spec.description} Drag onto the canvas, or press Enter to insert into the selection.`}
                  onClick={() => onInsert(spec.type)}
                  onDragStart={(event) => {
                    event.dataTransfer.setData(DRAG_MIME, spec.type)
                    event.dataTransfer.setData('text/plain', spec.type)
                    event.dataTransfer.effectAllowed = 'copyMove'
                    onDrag({ kind: 'new', type: spec.type })
                  }}
                  onDragEnd={() => onDrag(null)}
                >
                  <span className="palette-icon" aria-hidden="true">
                    {spec.icon}
                  </span>
                  {spec.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  )
}
