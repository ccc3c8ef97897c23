import { Fragment, type ReactNode, type RefCallback, useRef } from 'react'
import { useRowKeys } from './row-keys.js'

/** What {@link EditableRows} gives each row it renders. */
export interface RowControls {
  /** Put on the row's element: when the row was just added, its first field takes the focus. */
  rowRef: RefCallback<HTMLElement>
  /** Removes this row. */
  remove: () => void
}

interface Props<Row> {
  rows: readonly Row[]
  onChange: (rows: Row[]) => void
  /** Renders one row (a `<tr>`, a `<div>`, an `<li>`…); its key is set here. */
  row: (row: Row, index: number, controls: RowControls) => ReactNode
  /** Lays out the rendered rows (in a table, a list…) with the control that adds one, calling `add`. */
  children: (rows: ReactNode[], add: (row: Row) => void) => ReactNode
}

const FIELDS = 'input:not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled])'

/**
 * A list of rows the user edits in place: query parameters, headers, routes, columns, actions. Each
 * row keeps a stable key (not its index, see `row-keys.ts`), rows are added and removed here, and a
 * row just added takes the focus on its first field so the user can type at once.
 *
 * ```tsx
 * <EditableRows rows={headers} onChange={setHeaders} row={(h, i, { rowRef, remove }) => (
 *   <div ref={rowRef}><input value={h.name} onChange={…} /><button onClick={remove}>✕</button></div>
 * )}>
 *   {(rendered, add) => <>{rendered}<button onClick={() => add({ name: '' })}>+ Add header</button></>}
 * </EditableRows>
 * ```
 */
export function EditableRows<Row>({ rows, onChange, row, children }: Props<Row>): ReactNode {
  const keys = useRowKeys(rows)
  // The row added last, until its element is mounted and focused.
  const added = useRef<Row | null>(null)
  const add = (next: Row) => {
    added.current = next
    onChange([...rows, next])
  }
  const rendered = rows.map((item, index) => (
    <Fragment key={keys[index]}>
      {row(item, index, {
        rowRef: (element) => {
          if (!element || added.current !== item) return
          added.current = null
          element.querySelector<HTMLElement>(FIELDS)?.focus()
        },
        remove: () => onChange(rows.filter((_, i) => i !== index)),
      })}
    </Fragment>
  ))
  return children(rendered, add)
}
