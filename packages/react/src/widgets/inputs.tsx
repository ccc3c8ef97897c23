import type { PageRuntime } from '@tether/runtime'
import { type KeyboardEvent, type ReactNode, useEffect, useSyncExternalStore } from 'react'
import type { WidgetProps } from '../page-view/widget-types.js'

/** The widget's `datavalue` in the `Widgets` scope, initialized from its `datavalue` prop. */
function useDataValue(runtime: PageRuntime, name: string, initial: unknown): [string, (value: string) => void] {
  const { widgets } = runtime
  useEffect(() => widgets.initialize(name, 'datavalue', initial), [widgets, name, initial])
  const value = useSyncExternalStore(
    (listener) => widgets.subscribe(name, listener),
    () => widgets.get(name)?.datavalue,
  )
  const text =
    value === undefined || value === null
      ? initial === undefined || initial === null
        ? ''
        : String(initial)
      : String(value)
  return [text, (next) => widgets.set(name, 'datavalue', next)]
}

/** A one-line input; its text is `Widgets.<name>.datavalue`. Enter runs `events.onSubmit`. */
export function Text({ node, props, runtime, fire }: WidgetProps): ReactNode {
  const [value, setValue] = useDataValue(runtime, node.name, props.datavalue)
  return (
    <input
      className="tether-text"
      data-widget={node.name}
      type={props.type === 'password' || props.type === 'number' || props.type === 'email' ? props.type : 'text'}
      placeholder={typeof props.placeholder === 'string' ? props.placeholder : undefined}
      disabled={props.disabled === true}
      value={value}
      onChange={(event) => {
        setValue(event.target.value)
        fire('onChange', event.target.value)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') fire('onSubmit', value)
      }}
    />
  )
}

/**
 * A multi-line input; its text is `Widgets.<name>.datavalue`. Enter runs `events.onSubmit` (e.g.
 * send the message), Shift+Enter inserts a new line.
 */
export function Textarea({ node, props, runtime, fire }: WidgetProps): ReactNode {
  const [value, setValue] = useDataValue(runtime, node.name, props.datavalue)
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    fire('onSubmit', value)
  }
  return (
    <textarea
      className="tether-textarea"
      data-widget={node.name}
      placeholder={typeof props.placeholder === 'string' ? props.placeholder : undefined}
      disabled={props.disabled === true}
      rows={typeof props.rows === 'number' ? props.rows : 2}
      value={value}
      onChange={(event) => {
        setValue(event.target.value)
        fire('onChange', event.target.value)
      }}
      onKeyDown={onKeyDown}
    />
  )
}
