import type { ReactNode } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { sanitizeUrl } from './sanitize-url.js'

/** The top bar: a title, an optional image (e.g. the signed-in user's picture) and any children. */
export function Navbar({ node, props, renderChildren }: WidgetProps): ReactNode {
  const image = sanitizeUrl(props.image)
  const title = props.title === undefined || props.title === null ? '' : String(props.title)
  return (
    <nav className="tether-navbar" data-widget={node.name}>
      <span className="tether-navbar-title">{title}</span>
      <span className="tether-navbar-end">
        {renderChildren()}
        {image && <img className="tether-navbar-image" src={image} alt={String(props.imageAlt ?? '')} />}
      </span>
    </nav>
  )
}
