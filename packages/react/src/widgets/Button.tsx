import type { ReactNode } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { Icon } from './icons.js'

/** A button with a `caption` and/or an `icon` (see icons.tsx); click runs `events.onClick`. */
export function Button({ node, props, fire }: WidgetProps): ReactNode {
  const caption = props.caption === undefined || props.caption === null ? '' : String(props.caption)
  const icon = typeof props.icon === 'string' ? props.icon : null
  return (
    <button
      type="button"
      className="tether-button"
      data-widget={node.name}
      disabled={props.disabled === true}
      aria-label={caption || String(props.title ?? icon ?? node.name)}
      title={typeof props.title === 'string' ? props.title : undefined}
      onClick={() => fire('onClick')}
    >
      {icon && <Icon name={icon} />}
      {caption && <span>{caption}</span>}
    </button>
  )
}
