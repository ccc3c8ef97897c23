import type { ReactNode } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { formatValue } from './format.js'

// `heading`: bold, for titles and the main text of an item; `muted`: smaller grey secondary text
// (who and when), still at WCAG AA contrast.
const VARIANT_CLASSES = new Map<unknown, string>([
  ['heading', 'tether-label tether-label-heading'],
  ['muted', 'tether-label tether-label-muted'],
])

/** Text (never HTML): `caption`, optionally formatted with `format` (`date:hh:mm:ss a`, `number:1`). */
export function Label({ node, props }: WidgetProps): ReactNode {
  const className = VARIANT_CLASSES.get(props.variant) ?? 'tether-label'
  return (
    <span className={className} data-widget={node.name}>
      {formatValue(props.caption, props.format)}
    </span>
  )
}
