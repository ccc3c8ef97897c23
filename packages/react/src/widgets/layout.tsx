import type { ReactNode } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'

const clampColumns = (value: unknown): number => {
  const n = Math.round(Number(value))
  return Number.isFinite(n) ? Math.min(12, Math.max(1, n)) : 12
}

/** One column with a top navbar: `Navbar` children go to the top bar, the rest to the column. */
export function Layout({ node, renderChildren }: WidgetProps): ReactNode {
  const children = node.children ?? []
  const top = children.filter((child) => child.type === 'Navbar')
  const body = children.filter((child) => child.type !== 'Navbar')
  return (
    <div className="tether-layout" data-widget={node.name}>
      {top.length > 0 && <header className="tether-layout-top">{renderChildren(undefined, top)}</header>}
      <main className="tether-layout-column">{renderChildren(undefined, body)}</main>
    </div>
  )
}

/** A panel with an optional header (`title` prop or `PanelHeader` child) and footer (`PanelFooter` child). */
export function Panel({ node, props, renderChildren }: WidgetProps): ReactNode {
  const children = node.children ?? []
  const header = children.filter((child) => child.type === 'PanelHeader')
  const footer = children.filter((child) => child.type === 'PanelFooter')
  const body = children.filter((child) => child.type !== 'PanelHeader' && child.type !== 'PanelFooter')
  const title = props.title === undefined || props.title === null ? null : String(props.title)
  return (
    <section className="tether-panel" data-widget={node.name}>
      {(title !== null || header.length > 0) && (
        <div className="tether-panel-header">
          {title !== null && <h2 className="tether-panel-title">{title}</h2>}
          {renderChildren(undefined, header)}
        </div>
      )}
      <div className="tether-panel-body">{renderChildren(undefined, body)}</div>
      {footer.length > 0 && <div className="tether-panel-footer">{renderChildren(undefined, footer)}</div>}
    </section>
  )
}

/** Holds the children of a panel's header or footer slot. */
export function PanelSlot({ node, renderChildren }: WidgetProps): ReactNode {
  return (
    <div className="tether-panel-slot" data-widget={node.name}>
      {renderChildren()}
    </div>
  )
}

/** A row on a 12-column grid; its `GridColumn` children set `width` (1–12). Stacks on phone widths. */
export function GridRow({ node, renderChildren }: WidgetProps): ReactNode {
  return (
    <div className="tether-grid-row" data-widget={node.name}>
      {renderChildren()}
    </div>
  )
}

export function GridColumn({ node, props, renderChildren }: WidgetProps): ReactNode {
  const width = clampColumns(props.width)
  return (
    <div
      className="tether-grid-column"
      data-widget={node.name}
      data-width={width}
      style={{ gridColumn: `span ${width}` }}
    >
      {renderChildren()}
    </div>
  )
}
