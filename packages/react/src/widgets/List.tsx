import { LIST_ITEMS, type LocalScope } from '@tether/runtime'
import { type ReactNode, useLayoutEffect, useMemo, useRef } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'
import { DataStateMessage, useDataSourceStatus } from './data-status.js'
import { readField } from './format.js'

// Within this many pixels of the bottom counts as "at the bottom" (rounding, zoom, borders).
const BOTTOM_SLACK_PX = 24

/**
 * Repeats its children (the item template) for each element of `dataset`; inside, bindings read
 * the element as `item` / `currentItem` (and `Widgets.<list name>.currentItem`). `keyField` names a unique field for React keys.
 * When new items arrive and the user was at the bottom, the newest stays in view; a user who
 * scrolled up to read is left where they are.
 */
export function List({ node, props, runtime, local, renderChildren }: WidgetProps): ReactNode {
  const dataset = Array.isArray(props.dataset) ? (props.dataset as unknown[]) : []
  const status = useDataSourceStatus(runtime, node.props.dataset)
  const keyField = typeof props.keyField === 'string' ? props.keyField : null
  const scroller = useRef<HTMLUListElement>(null)
  const atBottom = useRef(true)

  // One local scope object per item, reused while the item is the same object: item templates
  // whose item did not change are not re-evaluated when a new message is appended.
  // The same object also gives a stable React key when there is no keyField, so evicting the oldest
  // message does not shift every row's identity.
  // Item scopes extend the enclosing scope (a List inside another List's template still sees the outer
  // item) and say which item `Widgets.<this list>.currentItem` is; a new enclosing scope starts over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: local is the reason to start a new cache
  const scopes = useMemo(() => new WeakMap<object, LocalScope>(), [local])
  const keys = useRef(new WeakMap<object, number>())
  const nextKey = useRef(0)
  const items = useMemo(
    () =>
      dataset.map((item): LocalScope => {
        const cacheable = typeof item === 'object' && item !== null
        const cached = cacheable ? scopes.get(item) : undefined
        if (cached) return cached
        const scope: LocalScope = {
          ...local,
          item,
          currentItem: item,
          [LIST_ITEMS]: { ...local?.[LIST_ITEMS], [node.name]: item },
        }
        if (cacheable) {
          scopes.set(item, scope)
          keys.current.set(scope, nextKey.current++)
        }
        return scope
      }),
    [dataset, scopes, local, node.name],
  )

  useLayoutEffect(() => {
    const element = scroller.current
    if (element && atBottom.current && items.length > 0) element.scrollTop = element.scrollHeight
  }, [items])

  const height = typeof props.height === 'number' ? props.height : undefined
  return (
    <div className="tether-list" data-widget={node.name}>
      <DataStateMessage status={status} empty={dataset.length === 0} emptyMessage={props.emptyMessage} />
      <ul
        ref={scroller}
        className="tether-list-items"
        style={height ? { maxHeight: height } : undefined}
        onScroll={(event) => {
          const el = event.currentTarget
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX
        }}
      >
        {items.map((scope, index) => {
          const own = keys.current.get(scope)
          const field = keyField ? readField(scope.item, keyField) : undefined
          const key = field !== undefined ? `k${String(field)}` : own !== undefined ? `o${own}` : `i${index}`
          return (
            <li className="tether-list-item" key={key}>
              {renderChildren(scope)}
            </li>
          )
        })}
      </ul>
    </div>
  )
}
