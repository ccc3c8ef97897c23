import { useVirtualizer } from '@tanstack/react-virtual'
import { type ReactNode, useRef } from 'react'

interface Props<Row> {
  /** The table's header (`<thead>`), sorting included. */
  head: ReactNode
  rows: Row[]
  /** The scroller's height in px. */
  height: number
  rowHeight: number
  colSpan: number
  renderRow(row: Row): ReactNode
}

/**
 * A scrolling DataTable (`pageSize: 0`): only the rows in view (plus a few) are rendered, between two
 * spacer rows that keep the scrollbar true to the whole dataset. Its own chunk, with TanStack Virtual.
 */
export function VirtualTable<Row>({ head, rows, height, rowHeight, colSpan, renderRow }: Props<Row>): ReactNode {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    initialRect: { width: 800, height },
  })
  const items = virtualizer.getVirtualItems()
  const padTop = items[0]?.start ?? 0
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0)
  return (
    <div ref={scroller} className="tether-table-scroll" style={{ maxHeight: height }}>
      <table>
        {head}
        <tbody>
          {padTop > 0 && (
            <tr className="tether-table-spacer">
              <td colSpan={colSpan} style={{ height: padTop, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]
            return row === undefined ? null : renderRow(row)
          })}
          {padBottom > 0 && (
            <tr className="tether-table-spacer">
              <td colSpan={colSpan} style={{ height: padBottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}
