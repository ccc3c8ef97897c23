import type { InferredField } from '@tether/core'
import { type ReactNode, useId } from 'react'
import { LinkIcon } from '../bind/index.js'
import { isBindable, type PropertySpec } from './widget-catalog.js'

interface Props {
  spec: PropertySpec
  value: unknown
  onChange: (value: unknown) => void
  /** Opens the bind dialog for this property (expression or field mode). */
  onBind: () => void
  /** Fields of the widget's dataset (field kinds). */
  fields: readonly InferredField[]
  /** WebSocket variables (ConnectionStatus). */
  variables: string[]
}

const FORMATS = ['date:hh:mm:ss a', 'date:HH:mm:ss', 'date:yyyy-MM-dd', 'number', 'number:0', 'number:1', 'number:2']
const isBinding = (value: unknown): value is string => typeof value === 'string' && value.startsWith('bind:')
const asText = (value: unknown) =>
  value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value)

/** One property of the selected widget: a typed input, with the bind dialog where it makes sense. */
export function PropertyField({ spec, value, onChange, onBind, fields, variables }: Props): ReactNode {
  const id = useId()
  const bindable = isBindable(spec)
  const picksField = spec.kind === 'field' || spec.kind === 'fields'
  const clear = (text: string) => (text === '' ? undefined : text)

  let input: ReactNode
  if (isBinding(value)) {
    input = (
      <button type="button" id={id} className="binding-chip mono" title="Edit the binding" onClick={onBind}>
        <LinkIcon /> {value.slice(5).trim()}
      </button>
    )
  } else if (spec.kind === 'boolean') {
    input = (
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        onChange={(e) => onChange(e.target.checked || undefined)}
      />
    )
  } else if (spec.kind === 'select' || spec.kind === 'variable') {
    const options = spec.kind === 'variable' ? ['', ...variables] : [...(spec.options ?? [])]
    const current = asText(value)
    input = (
      <select id={id} value={current} onChange={(e) => onChange(clear(e.target.value))}>
        {(options.includes(current) ? options : [current, ...options]).map((o) => (
          <option key={o} value={o}>
            {o === '' ? '(none)' : o}
          </option>
        ))}
      </select>
    )
  } else if (spec.kind === 'number') {
    input = (
      <input
        id={id}
        type="number"
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    )
  } else {
    const list = spec.kind === 'format' ? FORMATS : picksField ? fields.map((f) => f.path) : []
    input = (
      <>
        <input
          id={id}
          className={spec.kind === 'text' ? undefined : 'mono'}
          value={asText(value)}
          list={list.length > 0 ? `${id}-list` : undefined}
          placeholder={spec.kind === 'dataset' ? 'Bind to a variable →' : spec.help}
          onChange={(e) => {
            const text = e.target.value
            if (spec.kind === 'fields' && text.includes(','))
              onChange(
                text
                  .split(',')
                  .map((part) => part.trim())
                  .filter(Boolean),
              )
            else onChange(clear(text))
          }}
        />
        {list.length > 0 && (
          <datalist id={`${id}-list`}>
            {list.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
        )}
      </>
    )
  }

  return (
    <div className="property">
      <label htmlFor={id} className="property-label">
        {spec.label}
      </label>
      <div className="property-input">
        {input}
        {(bindable || picksField) && (
          <button
            type="button"
            className="button small bind-button"
            aria-label={picksField ? `Choose ${spec.label}` : `Bind ${spec.label}`}
            title={picksField ? 'Choose a field of the dataset' : 'Bind to a variable, widget or user value'}
            onClick={onBind}
          >
            {picksField ? '⋯' : <LinkIcon />}
          </button>
        )}
        {isBinding(value) && (
          <button
            type="button"
            className="button ghost small"
            aria-label={`Remove the binding of ${spec.label}`}
            onClick={() => onChange(undefined)}
          >
            ✕
          </button>
        )}
      </div>
      {spec.help && !isBinding(value) && spec.kind !== 'text' && (
        <p className="muted small property-help">{spec.help}</p>
      )}
    </div>
  )
}
