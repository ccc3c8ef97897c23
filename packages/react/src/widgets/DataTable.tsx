import {
  type ColumnDef,
  createPaginatedRowModel,
  createSortedRowModel,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { type ReactNode, useMemo, useRef } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { DataStateMessage, useDataSourceStatus } from './data-status.js'
import { formatValue, readField } from './format.js'

type Row = Record<string, unknown>

/** A column of the DataTable's `columns` prop. */
export interface DataTableColumn {
  field: string
  title?: string
  /** `date:hh:mm:ss a`, `number`, `number:2` (see format.ts). */
  format?: string
  width?: number
}

// Module scope: TanStack Table wants stable features (a new object per render invalidates its models).
const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
})

const ROW_HEIGHT_PX = 32
const EMPTY: Row[] = []

function readColumns(value: unknown, rows: Row[]): DataTableColumn[] {
  if (Array.isArray(value)) {
    return value.filter(
      (c): c is DataTableColumn =>
        typeof c === 'object' && c !== null && typeof (c as DataTableColumn).field === 'string',
    )
  }
  const first = rows[0]
  return first && typeof first === 'object' ? Object.keys(first).map((field) => ({ field })) : []
}

/**
 * A table over `dataset` (an array of records): `columns` with titles and formats, sorting by
 * clicking a header, paging (`pageSize`, 0 = one scrolling list) and virtualized rows so a large
 * dataset renders only what is visible.
 */
export function DataTable({ node, props, runtime }: WidgetProps): ReactNode {
  const data = Array.isArray(props.dataset) ? (props.dataset as Row[]) : EMPTY
  const status = useDataSourceStatus(runtime, node.props.dataset)
  const columnsProp = props.columns
  const hasColumns = Array.isArray(columnsProp)
  const firstKeys = hasColumns ? '' : Object.keys(data[0] ?? {}).join('\u0000')
  // biome-ignore lint/correctness/useExhaustiveDependencies: derived columns change only when the first row's keys do
  const columns = useMemo(() => readColumns(columnsProp, data), [columnsProp, firstKeys])
  const columnDefs = useMemo(
    () =>
      columns.map(
        (column): ColumnDef<typeof features, Row, unknown> => ({
          id: column.field,
          accessorFn: (row: Row) => readField(row, column.field),
          header: column.title ?? column.field,
          cell: (context) => formatValue(context.getValue(), column.format),
          sortFn: 'alphanumeric',
        }),
      ),
    [columns],
  )
  const widths = useMemo(() => new Map(columns.map((c) => [c.field, c.width])), [columns])
  const pageSize = typeof props.pageSize === 'number' && props.pageSize > 0 ? props.pageSize : 0
  const table = useTable({
    features,
    columns: columnDefs,
    data,
    autoResetPageIndex: false,
    initialState: { pagination: { pageIndex: 0, pageSize: pageSize || Number.MAX_SAFE_INTEGER }, sorting: [] },
  })
  const rows = table.getRowModel().rows
  const height = typeof props.height === 'number' ? props.height : 360
  const scroller = useRef<HTMLDivElement>(null)
  const virtual = pageSize === 0
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 10,
    initialRect: { width: 800, height },
  })
  const items = virtual ? virtualizer.getVirtualItems() : []
  const visible = virtual ? items.map((item) => rows[item.index]).filter((row) => row !== undefined) : rows
  const padTop = virtual ? (items[0]?.start ?? 0) : 0
  const padBottom = virtual ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0
  const colSpan = Math.max(1, columns.length)

  return (
    // Virtualized: fixed column widths and layout containment, so rows streaming through the visible
    // window do not re-measure every column (and the columns do not jitter as rows change).
    <div className={virtual ? 'tether-table tether-table-virtual' : 'tether-table'} data-widget={node.name}>
      <DataStateMessage status={status} empty={data.length === 0} emptyMessage={props.emptyMessage} />
      <div ref={scroller} className="tether-table-scroll" style={virtual ? { maxHeight: height } : undefined}>
        <table>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted()
                  return (
                    <th
                      key={header.id}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      style={widths.get(header.column.id) ? { width: widths.get(header.column.id) } : undefined}
                    >
                      <button type="button" className="tether-sort" onClick={header.column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} />
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    </th>
                  )
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr className="tether-table-spacer">
                <td colSpan={colSpan} style={{ height: padTop, padding: 0 }} />
              </tr>
            )}
            {visible.map((row) => (
              <tr key={row.id} style={{ height: ROW_HEIGHT_PX }}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {padBottom > 0 && (
              <tr className="tether-table-spacer">
                <td colSpan={colSpan} style={{ height: padBottom, padding: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pageSize > 0 && data.length > pageSize && (
        <div className="tether-pager">
          <button type="button" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            Previous
          </button>
          <span>
            Page {table.state.pagination.pageIndex + 1} of {table.getPageCount()}
          </span>
          <button type="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Next
          </button>
        </div>
      )}
    </div>
  )
}
