import type { ReactNode } from 'react'
import type { WidgetProps } from '../runtime/widget-types.js'
import { formatValue } from './format.js'

/** Text (never HTML): `caption`, optionally formatted with `format` (`date:hh:mm:ss a`, `number:1`). */
export function Label({ node, props }: WidgetProps): ReactNode {
  const className = props.variant === 'heading' ? 'tether-label tether-label-heading' : 'tether-label'
  return (
    <span className={className} data-widget={node.name}>
      {formatValue(props.caption, props.format)}
    </span>
  )
}
