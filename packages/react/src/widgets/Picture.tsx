import type { ReactNode } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { sanitizeUrl } from './sanitize-url.js'

/** An image from `source`; unsafe URLs (`javascript:` …) are refused and a placeholder is shown. */
export function Picture({ node, props }: WidgetProps): ReactNode {
  const source = sanitizeUrl(props.source)
  const size = typeof props.width === 'number' ? props.width : undefined
  const shape = props.shape === 'circle' ? ' tether-picture-circle' : ''
  if (!source) {
    const refused = typeof props.source === 'string' && props.source.trim() !== ''
    return (
      <span
        className={`tether-picture tether-picture-empty${shape}`}
        data-widget={node.name}
        title={
          refused
            ? 'This picture URL was refused (only http, https, relative and data:image URLs are shown).'
            : 'No picture'
        }
        style={size ? { width: size, height: size } : undefined}
      />
    )
  }
  return (
    <img
      className={`tether-picture${shape}`}
      data-widget={node.name}
      src={source}
      alt={String(props.alt ?? '')}
      width={size}
      height={size}
    />
  )
}
