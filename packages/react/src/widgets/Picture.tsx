import type { CSSProperties, ReactNode } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { sanitizeUrl } from './sanitize-url.js'

function pixels(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined
}

/**
 * An explicit `width` / `height` (px) as inline style, so it wins over the container's default size
 * (an avatar in a list row, the container's width elsewhere; see styles.ts). With only a width the
 * height follows the picture's aspect ratio, except for a circle, which stays round.
 */
function explicitSize(props: WidgetProps['props']): CSSProperties | undefined {
  const width = pixels(props.width)
  const height = pixels(props.height)
  if (width === undefined && height === undefined) return undefined
  const circle = props.shape === 'circle'
  return {
    width: width ?? (circle ? height : 'auto'),
    height: height ?? (circle ? width : 'auto'),
    maxWidth: '100%',
  }
}

/** An image from `source`; unsafe URLs (`javascript:` …) are refused and a placeholder is shown. */
export function Picture({ node, props }: WidgetProps): ReactNode {
  const source = sanitizeUrl(props.source)
  const style = explicitSize(props)
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
        style={style}
      />
    )
  }
  return (
    <img
      className={`tether-picture${shape}`}
      data-widget={node.name}
      src={source}
      alt={String(props.alt ?? '')}
      style={style}
    />
  )
}
