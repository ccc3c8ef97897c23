import type { WebSocketServiceDefinition } from '@tether/core'
import type { VariableDefinition } from '@tether/runtime'
import { type ReactNode, useState } from 'react'
import type { EntityCatalog } from '../api/entities.js'
import { variableFields } from '../bind/index.js'
import { ResumeFields } from './ResumeFields.js'
import { RoutesEditor } from './RoutesEditor.js'
import type { RoutesDraft } from './routes-draft.js'
import { ON_NEW_DATA_CHOICES } from './variable-draft.js'

interface Props {
  definition: VariableDefinition
  services: Record<string, WebSocketServiceDefinition>
  onChange: (definition: VariableDefinition) => void
  /** The server's CRUD entities, for Database CRUD variables. */
  entities: EntityCatalog
  /** The "Route by message type" form (WebSocket variables); turned into `routes` on save. */
  routes: RoutesDraft
  onRoutesChange: (routes: RoutesDraft) => void
  variableName: string
}

const numberOrUndefined = (text: string) => (text === '' ? undefined : Number(text))

/** The server's entities, plus the current one while they load or if the server no longer has it. */
function entityChoices(catalog: EntityCatalog, current: string): string[] {
  const names = catalog.state === 'ready' ? catalog.entities.map((e) => e.name) : []
  return names.includes(current) ? names : [current, ...names]
}

function entityProblem(catalog: EntityCatalog & { state: 'ready' }, current: string): string {
  if (current === '') return 'Choose the entity this variable reads.'
  return catalog.entities.some((e) => e.name === current) ? '' : `The server has no entity "${current}".`
}

function StaticValue({
  definition,
  onChange,
}: {
  definition: VariableDefinition & { category: 'static' }
  onChange: Props['onChange']
}) {
  const [text, setText] = useState(() => JSON.stringify(definition.value, null, 2))
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <label className="field">
      <span>Value (JSON)</span>
      <textarea
        className="mono"
        rows={8}
        value={text}
        aria-invalid={problem !== null}
        onChange={(e) => {
          setText(e.target.value)
          try {
            onChange({ category: 'static', value: JSON.parse(e.target.value) })
            setProblem(null)
          } catch (error) {
            setProblem(`Not valid JSON yet: ${(error as Error).message}`)
          }
        }}
      />
      <span className="field-problem">{problem}</span>
    </label>
  )
}

/** Where the data comes from and how new data is kept. */
export function PropertiesTab({
  definition,
  services,
  onChange,
  entities,
  routes,
  onRoutesChange,
  variableName,
}: Props): ReactNode {
  if (definition.category === 'static') return <StaticValue definition={definition} onChange={onChange} />
  if (definition.category === 'crud') {
    return (
      <div className="form-grid">
        <label className="field">
          <span>Entity</span>
          <select
            value={definition.entity}
            aria-label="Entity"
            aria-describedby="entity-status"
            onChange={(e) => onChange({ ...definition, entity: e.target.value, filter: undefined })}
          >
            {entityChoices(entities, definition.entity).map((entity) => (
              <option key={entity} value={entity}>
                {entity === '' ? 'Choose an entity…' : entity}
              </option>
            ))}
          </select>
          <span id="entity-status" className={entities.state === 'error' ? 'field-problem' : 'muted small'}>
            {entities.state === 'loading'
              ? 'Loading the entities…'
              : entities.state === 'error'
                ? entities.message
                : entityProblem(entities, definition.entity)}
          </span>
        </label>
        <label className="field">
          <span>Records per request</span>
          <input
            type="number"
            min={1}
            max={1000}
            value={definition.size ?? 20}
            onChange={(e) => onChange({ ...definition, size: numberOrUndefined(e.target.value) })}
          />
        </label>
        <label className="field">
          <span>Sort</span>
          <input
            className="mono"
            placeholder="lastname or -lastname"
            value={definition.sort ?? ''}
            onChange={(e) => onChange({ ...definition, sort: e.target.value })}
          />
        </label>
        <label className="check check-field">
          <input
            type="checkbox"
            checked={definition.requestOnLoad ?? true}
            onChange={(e) => onChange({ ...definition, requestOnLoad: e.target.checked })}
          />
          Request data on page load
        </label>
      </div>
    )
  }
  const service = services[definition.service]
  const fields = service ? variableFields(definition, services).map((f) => f.path) : []
  return (
    <div className="form-grid">
      <label className="field">
        <span>Service</span>
        <select
          value={definition.service}
          onChange={(e) => onChange({ ...definition, service: e.target.value, dataBinding: undefined })}
        >
          {!service && <option value={definition.service}>{definition.service || 'Choose a service'}</option>}
          {Object.keys(services).map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        {Object.keys(services).length === 0 && (
          <span className="field-problem">Import a WebSocket service first (Services).</span>
        )}
      </label>
      <label className="check check-field">
        <input
          type="checkbox"
          checked={definition.connectOnLoad ?? true}
          onChange={(e) => onChange({ ...definition, connectOnLoad: e.target.checked })}
        />
        Connect on page load
      </label>
      <label className="field">
        <span>On new data</span>
        <select
          value={definition.onNewData ?? 'refresh'}
          onChange={(e) => onChange({ ...definition, onNewData: e.target.value as 'refresh' })}
        >
          {ON_NEW_DATA_CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Data limit</span>
        <input
          type="number"
          min={0}
          value={definition.dataLimit ?? 20}
          onChange={(e) => onChange({ ...definition, dataLimit: numberOrUndefined(e.target.value) })}
        />
      </label>
      {definition.onNewData === 'upsert' && (
        <label className="field">
          <span>Key field</span>
          <input
            className="mono"
            list="variable-key-fields"
            value={definition.keyField ?? ''}
            onChange={(e) => onChange({ ...definition, keyField: e.target.value })}
          />
          <datalist id="variable-key-fields">
            {fields.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </label>
      )}
      <label className="check check-field">
        <input
          type="checkbox"
          checked={definition.resendRequestBodyOnReconnect ?? true}
          onChange={(e) =>
            onChange({ ...definition, resendRequestBodyOnReconnect: e.target.checked ? undefined : false })
          }
        />
        Send the RequestBody again after a reconnect
      </label>
      <ResumeFields
        resume={definition.resume}
        fields={fields}
        onChange={(resume) => onChange({ ...definition, resume })}
      />
      <RoutesEditor draft={routes} service={service} variableName={variableName} onChange={onRoutesChange} />
    </div>
  )
}
