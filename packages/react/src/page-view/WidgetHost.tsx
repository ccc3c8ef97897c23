import { type LocalScope, runActions, type WidgetNode } from '@tether/runtime'
import { memo, type ReactNode, useCallback, useMemo, useSyncExternalStore } from 'react'
import { useRuntimeContext } from './context.js'
import { countRender } from './dev-stats.js'
import { useBoundValues } from './use-bound-values.js'
import { WidgetErrorBoundary } from './WidgetErrorBoundary.js'

interface HostProps {
  node: WidgetNode
  local?: LocalScope | undefined
}

/** Renders a list of nodes (a page's widgets or a widget's children). */
export function renderNodes(nodes: readonly WidgetNode[] | undefined, local?: LocalScope): ReactNode {
  return nodes?.map((node) => (
    <WidgetErrorBoundary key={node.name} name={node.name}>
      <WidgetHost node={node} local={local} />
    </WidgetErrorBoundary>
  ))
}

/**
 * Resolves one node: evaluates its bound props, picks the component for its type and wires its
 * events. Memoized: a parent re-render does not re-render children whose node and scope are unchanged.
 */
export const WidgetHost = memo(function WidgetHost({ node, local }: HostProps): ReactNode {
  const { runtime, widgets } = useRuntimeContext()
  const { values: bound, errors } = useBoundValues(runtime, node.props, local)
  // What a script or a setWidget action set on the widget (`setWidget('label1', 'caption', …)`) shows
  // over the page file's props, as in the reference (`Widgets.label1.caption = …`).
  const subscribeSet = useCallback(
    (listener: () => void) => runtime.widgets.subscribe(node.name, listener),
    [runtime, node.name],
  )
  const set = useSyncExternalStore(subscribeSet, () => runtime.widgets.get(node.name))
  const values = useMemo(() => (set ? { ...bound, ...set } : bound), [bound, set])
  countRender(node.name)
  const events = node.events
  const fire = useCallback(
    (event: string, payload?: unknown) =>
      void runActions(
        runtime,
        events?.[event],
        { ...local, event: payload },
        // A page-script handler's first argument: the widget, by name with its current values.
        { subject: { name: node.name, ...runtime.widgets.get(node.name) } },
      ),
    [runtime, events, local, node.name],
  )
  const renderChildren = useCallback(
    (childLocal?: LocalScope, nodes: readonly WidgetNode[] | undefined = node.children) =>
      renderNodes(nodes, childLocal ?? local),
    [node.children, local],
  )
  const Widget = widgets[node.type]
  if (!Widget) {
    return (
      <div className="tether-widget-error" role="alert">
        {node.name}: unknown widget type "{node.type}"
      </div>
    )
  }
  return (
    <>
      <Widget
        node={node}
        props={values}
        errors={errors}
        runtime={runtime}
        local={local}
        fire={fire}
        renderChildren={renderChildren}
      />
      {errors && (
        <div className="tether-widget-error" role="alert">
          {Object.entries(errors).map(([property, message]) => (
            <div key={property}>
              {node.name}.{property}: {message}
            </div>
          ))}
        </div>
      )}
    </>
  )
})
