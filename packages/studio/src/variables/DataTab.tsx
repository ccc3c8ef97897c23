import type { WebSocketServiceDefinition } from '@tether/core'
import type { VariableDefinition } from '@tether/runtime'
import type { ReactNode } from 'react'
import { type EntityCatalog, findEntity } from '../api/entities.js'
import { LinkIcon } from '../bind/index.js'
import { serviceInputs } from './variable-draft.js'

interface Props {
  definition: VariableDefinition
  services: Record<string, WebSocketServiceDefinition>
  /** The server's CRUD entities: a Database CRUD variable's filter fields. */
  entities: EntityCatalog
  onChange: (definition: VariableDefinition) => void
  /** Opens the bind dialog for one input; `apply` receives `bind:…` or undefined. */
  onBind: (input: string, value: unknown, apply: (value: unknown) => void) => void
}

interface Row {
  name: string
  tag: string
  required: boolean
  placeholder?: string
  description?: string
}

/** Every input of the variable — query/path params and RequestBody, or CRUD filter fields — as a literal or a binding. */
export function DataTab({ definition, services, entities, onChange, onBind }: Props): ReactNode {
  if (definition.category === 'static')
    return <p className="muted">A static variable has no inputs; its value is on the Properties tab.</p>
  let rows: Row[]
  let values: Record<string, unknown>
  let set: (values: Record<string, unknown>) => void
  if (definition.category === 'websocket') {
    const inputs = serviceInputs(services[definition.service])
    if (!Array.isArray(inputs)) return <p className="alert alert-warning">{inputs.problem}</p>
    rows = inputs.map((input) => ({
      name: input.name,
      tag: input.kind === 'body' ? 'body' : `${input.kind} param`,
      required: input.required,
      ...(input.default === undefined ? {} : { placeholder: `default: ${input.default}` }),
      ...(input.description === undefined ? {} : { description: input.description }),
    }))
    values = definition.dataBinding ?? {}
    set = (dataBinding) => onChange({ ...definition, dataBinding })
  } else {
    if (entities.state === 'loading') return <p className="muted">Loading the entities…</p>
    if (entities.state === 'error') return <p className="alert alert-warning">{entities.message}</p>
    const entity = findEntity(entities, definition.entity)
    if (!entity) return <p className="alert alert-warning">Choose an entity on the Properties tab.</p>
    // The runtime filters by equality (`where[field][eq]=`), so only fields that take `eq` are inputs.
    rows = entity.fields
      .filter((field) => field.filterOperators.includes('eq'))
      .map((field) => ({
        name: field.name,
        tag: `filter · ${field.type}`,
        required: false,
        placeholder: field.values ? `any of ${field.values.join(', ')}` : 'any',
        ...(field.primaryKey ? { description: 'primary key' } : {}),
      }))
    values = definition.filter ?? {}
    set = (filter) => onChange({ ...definition, filter })
  }

  return (
    <table className="table compact data-inputs">
      <thead>
        <tr>
          <th scope="col">Input</th>
          <th scope="col">Value (literal or binding)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const value = values[row.name]
          const text =
            value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value)
          const apply = (next: unknown) => set({ ...values, [row.name]: next })
          return (
            <tr key={row.name}>
              <th scope="row">
                <span className="mono">{row.name}</span> <span className="tag">{row.tag}</span>
                {row.required && <span className="tag tag-required">required</span>}
                {row.description && <div className="muted small">{row.description}</div>}
              </th>
              <td>
                <div className="property-input">
                  {row.name === 'RequestBody' ? (
                    <textarea
                      aria-label={row.name}
                      className="mono"
                      rows={2}
                      placeholder={row.placeholder}
                      value={text}
                      onChange={(e) => apply(e.target.value)}
                    />
                  ) : (
                    <input
                      aria-label={row.name}
                      className="mono"
                      placeholder={row.placeholder}
                      value={text}
                      onChange={(e) => apply(e.target.value)}
                    />
                  )}
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Bind ${row.name}`}
                    onClick={() => onBind(row.name, value, apply)}
                  >
                    <LinkIcon />
                  </button>
                </div>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
