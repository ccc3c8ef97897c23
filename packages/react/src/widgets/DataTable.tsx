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
import { lazy, type ReactNode, Suspense, useMemo } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { DataStateMessage, useDataSourceStatus } from './data-status.js'
import { formatValue, readField } from './format.js'

type Row = Record<string, unknown>

const VirtualTable = lazy(async () => ({ default: (await import('./VirtualTable.js')).VirtualTable }))

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
  const virtual = pageSize === 0
  const colSpan = Math.max(1, columns.length)
  const renderRow = (row: (typeof rows)[number]) => (
    <tr key={row.id} style={{ height: ROW_HEIGHT_PX }}>
      {row.getAllCells().map((cell) => (
        <td key={cell.id}>
          <table.FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  )

  const head = (
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
  )

  return (
    // Virtualized: fixed column widths and layout containment, so rows streaming through the visible
    // window do not re-measure every column (and the columns do not jitter as rows change).
    <div className={virtual ? 'tether-table tether-table-virtual' : 'tether-table'} data-widget={node.name}>
      <DataStateMessage status={status} empty={data.length === 0} emptyMessage={props.emptyMessage} />
      {virtual ? (
        // TanStack Virtual is a chunk of its own: only a table that scrolls (pageSize 0) loads it.
        <Suspense
          fallback={
            <div className="tether-table-scroll" style={{ maxHeight: height }}>
              <table>
                {head}
                <tbody>
                  <tr>
                    <td colSpan={colSpan}>Loading rows…</td>
                  </tr>
                </tbody>
              </table>
            </div>
          }
        >
          <VirtualTable
            head={head}
            rows={rows}
            height={height}
            rowHeight={ROW_HEIGHT_PX}
            colSpan={colSpan}
            renderRow={renderRow}
          />
        </Suspense>
      ) : (
        <div className="tether-table-scroll">
          <table>
            {head}
            <tbody>{rows.map(renderRow)}</tbody>
          </table>
        </div>
      )}
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
