import type { InferredField } from '@tether/core'
import type { DataTableColumn } from '@tether/react'
import type { ReactNode } from 'react'
import { EditableRows } from '../form/index.js'

interface Props {
  value: unknown
  fields: readonly InferredField[]
  onChange: (columns: DataTableColumn[] | undefined) => void
}

const titleOf = (field: string) => field.charAt(0).toUpperCase() + field.slice(1).replace(/([a-z])([A-Z])/g, '$1 $2')
const formatFor = (field: InferredField) => (field.type.startsWith('timestamp') ? 'date:hh:mm:ss a' : undefined)

/** One column per field, titled from its name; timestamps shown as times. Undefined when there are no fields. */
export function columnsFromFields(fields: readonly InferredField[]): DataTableColumn[] | undefined {
  if (fields.length === 0) return undefined
  return fields.map((f) => {
    const format = formatFor(f)
    return { field: f.path, title: titleOf(f.path), ...(format ? { format } : {}) }
  })
}

/** The DataTable's columns: one row per column (field, title, format); or fill them from the dataset's fields. */
export function ColumnsEditor({ value, fields, onChange }: Props): ReactNode {
  const columns = Array.isArray(value) ? (value as DataTableColumn[]) : []
  const set = (next: DataTableColumn[]) => onChange(next.length === 0 ? undefined : next)
  const edit = (i: number, patch: Partial<DataTableColumn>) =>
    set(
      columns.map((c, j) =>
        j === i
          ? (Object.fromEntries(
              Object.entries({ ...c, ...patch }).filter(([, v]) => v !== '' && v !== undefined),
            ) as unknown as DataTableColumn)
          : c,
      ),
    )
  return (
    <div className="property">
      <span className="property-label">Columns</span>
      <EditableRows
        rows={columns}
        onChange={set}
        row={(column, i, { rowRef, remove }) => (
          <div ref={rowRef} className="column-row">
            <input
              aria-label={`Column ${i + 1} field`}
              className="mono"
              value={column.field}
              onChange={(e) => edit(i, { field: e.target.value })}
            />
            <input
              aria-label={`Column ${i + 1} title`}
              value={column.title ?? ''}
              placeholder="Title"
              onChange={(e) => edit(i, { title: e.target.value })}
            />
            <input
              aria-label={`Column ${i + 1} format`}
              className="mono"
              value={column.format ?? ''}
              placeholder="format"
              onChange={(e) => edit(i, { format: e.target.value })}
            />
            <button type="button" className="button ghost small" aria-label={`Remove column ${i + 1}`} onClick={remove}>
              ✕
            </button>
          </div>
        )}
      >
        {(rendered, add) => (
          <>
            {columns.length === 0 && <p className="muted small">One column per field of the first row.</p>}
            {rendered}
            <div className="column-actions">
              <button
                type="button"
                className="button small"
                onClick={() => add({ field: fields[columns.length]?.path ?? 'field' })}
              >
                + Column
              </button>
              {fields.length > 0 && (
                <button type="button" className="button small" onClick={() => set(columnsFromFields(fields) ?? [])}>
                  Columns from fields
                </button>
              )}
            </div>
          </>
        )}
      </EditableRows>
    </div>
  )
}
