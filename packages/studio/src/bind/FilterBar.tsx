import { type ReactNode, useId, useState } from 'react'
import { type BindingContext, variableFields } from './binding-sources.js'
import { appendFilter, DATE_PATTERNS, lookupFilter, toDateFilter } from './validate-expression.js'

interface Props {
  expression: string
  context: BindingContext
  onChange: (expression: string) => void
}

/** The expression language's filters as controls: toDate with a pattern, toNumber, lookup. */
export function FilterBar({ expression, context, onChange }: Props): ReactNode {
  const id = useId()
  const [pattern, setPattern] = useState(DATE_PATTERNS[0] ?? 'hh:mm:ss a')
  const variables = { ...context.appVariables, ...context.pageVariables }
  const names = Object.keys(variables)
  const [lookupVariable, setLookupVariable] = useState(names[0] ?? '')
  const chosen = variables[lookupVariable]
  const fields = chosen ? variableFields(chosen, context.services, context.entities).map((f) => f.path) : []
  const [keyField, setKeyField] = useState('')
  const [valueField, setValueField] = useState('')
  const empty = expression.trim() === ''

  return (
    <fieldset className="fieldset filter-bar">
      <legend>Filters</legend>
      <div className="filter-row">
        <label className="inline-field">
          <span>Date format</span>
          <select aria-label="Date format" value={pattern} onChange={(e) => setPattern(e.target.value)}>
            {DATE_PATTERNS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button small"
          disabled={empty}
          onClick={() => onChange(appendFilter(expression, toDateFilter(pattern)))}
        >
          + toDate
        </button>
        <button
          type="button"
          className="button small"
          disabled={empty}
          onClick={() => onChange(appendFilter(expression, 'toNumber'))}
        >
          + toNumber
        </button>
      </div>
      <div className="filter-row">
        <label className="inline-field">
          <span>Lookup in</span>
          <select
            aria-label="Lookup variable"
            value={lookupVariable}
            onChange={(e) => setLookupVariable(e.target.value)}
          >
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <datalist id={`${id}-fields`}>
          {fields.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
        <input
          className="mono filter-input"
          aria-label="Lookup key field"
          placeholder="key field"
          list={`${id}-fields`}
          value={keyField}
          onChange={(e) => setKeyField(e.target.value)}
        />
        <input
          className="mono filter-input"
          aria-label="Lookup value field"
          placeholder="value field"
          list={`${id}-fields`}
          value={valueField}
          onChange={(e) => setValueField(e.target.value)}
        />
        <button
          type="button"
          className="button small"
          disabled={empty || !lookupVariable || !keyField || !valueField}
          onClick={() => onChange(appendFilter(expression, lookupFilter(lookupVariable, keyField, valueField)))}
        >
          + lookup
        </button>
      </div>
    </fieldset>
  )
}
