import { normalizeChannels, type WebSocketServiceDefinition } from '@tether/core'
import type { ReactNode } from 'react'
import { channelFields, kindFields, messageKinds, routedDatasetExpression, variableFields } from '../bind/index.js'
import { EditableRows } from '../form/index.js'
import {
  proposeRoutes,
  type RouteProblem,
  type RouteRow,
  type RoutesDraft,
  routeRow,
  routesFromDraft,
} from './routes-draft.js'
import { ON_NEW_DATA_CHOICES } from './variable-draft.js'

interface Props {
  draft: RoutesDraft
  /** The variable's service (for the proposed field, the known message types and their fields). */
  service: WebSocketServiceDefinition | undefined
  /** Used in the binding hint; '' before the variable is named. */
  variableName: string
  onChange: (draft: RoutesDraft) => void
}

const problemAt = (problems: RouteProblem[], row: number | null, at: RouteProblem['at']) =>
  problems.find((p) => p.row === row && p.at === at)?.message ?? null

/**
 * "Route by message type": one connection feeding one dataset per message type (core's `routes`),
 * each with its own on-new-data policy, data limit and key field. For a service with channels (a
 * protocol) it is "One dataset per channel": the same rows, one per channel, and no field.
 */
export function RoutesEditor({ draft, service, variableName, onChange }: Props): ReactNode {
  const channels = normalizeChannels(service?.channels).map((channel) => channel.name)
  // Saved routes keep their kind; switching routing on picks channels when the service has them.
  const byChannel = draft.enabled ? draft.byChannel === true : channels.length > 0
  const { discriminator, kinds: messageTypes } = messageKinds(service)
  const kinds = byChannel ? channels.map((value) => ({ value })) : messageTypes
  const what = byChannel ? 'channel' : 'message type'
  const { problems } = routesFromDraft(draft)
  const setRow = (index: number, patch: Partial<RouteRow>) =>
    onChange({ ...draft, rows: draft.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) })
  const listed = new Set(draft.rows.map((row) => row.kind))
  const topFields = service
    ? variableFields({ category: 'websocket', service: service.name }, { [service.name]: service })
    : []
  const example = routedDatasetExpression(
    variableName || 'name',
    draft.rows[0]?.kind || channels[0] || (byChannel ? 'prices' : 'trade'),
  )

  return (
    <fieldset className="fieldset span-2 routes-editor">
      <legend>{byChannel ? 'One dataset per channel' : 'Route by message type'}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => onChange(e.target.checked ? proposeRoutes(service) : { ...draft, enabled: false })}
        />
        {byChannel ? 'Keep one dataset per channel, each with its own policy' : 'Keep one dataset per message type'}
      </label>
      {!draft.enabled && byChannel && (
        <p className="muted small">
          Each channel already has a dataset (<code>{example}</code>) that adds new messages last, within this
          variable’s data limit. Tick to give each channel its own policy.
        </p>
      )}
      {!draft.enabled && !byChannel && discriminator && (
        <p className="muted small">
          The samples differ in shape by <code>{discriminator}</code> ({kinds.map((k) => k.value).join(', ')}).
        </p>
      )}
      {draft.enabled && (
        <>
          {!byChannel && (
            <label className="field">
              <span>Message type field</span>
              <input
                className="mono"
                list="route-fields"
                placeholder="type"
                value={draft.field}
                aria-invalid={problemAt(problems, null, 'field') !== null}
                onChange={(e) => onChange({ ...draft, field: e.target.value })}
              />
              <datalist id="route-fields">
                {topFields.map((f) => (
                  <option key={f.path} value={f.path} />
                ))}
              </datalist>
              <span className="field-problem">{problemAt(problems, null, 'field')}</span>
            </label>
          )}
          <EditableRows
            rows={draft.rows}
            onChange={(rows) => onChange({ ...draft, rows })}
            row={(row, i, { rowRef, remove }) => {
              const n = i + 1
              const keyFields = byChannel
                ? channelFields(service, row.kind)
                : kindFields(service, draft.field, row.kind)
              const rowProblems = (['kind', 'dataLimit', 'keyField'] as const)
                .map((at) => problemAt(problems, i, at))
                .filter((p) => p !== null)
              return (
                <tr ref={rowRef}>
                  <td>
                    <input
                      aria-label={byChannel ? `Channel ${n}` : `Message type ${n}`}
                      className="mono"
                      list="route-kinds"
                      value={row.kind}
                      aria-invalid={problemAt(problems, i, 'kind') !== null}
                      onChange={(e) => setRow(i, { kind: e.target.value })}
                    />
                    {rowProblems.map((p) => (
                      <div key={p} className="field-problem">
                        {p}
                      </div>
                    ))}
                  </td>
                  <td>
                    <select
                      aria-label={`On new data ${n}`}
                      value={row.onNewData}
                      onChange={(e) => setRow(i, { onNewData: e.target.value as RouteRow['onNewData'] })}
                    >
                      {ON_NEW_DATA_CHOICES.map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={`Data limit ${n}`}
                      type="number"
                      min={0}
                      placeholder="20"
                      value={row.dataLimit}
                      aria-invalid={problemAt(problems, i, 'dataLimit') !== null}
                      onChange={(e) => setRow(i, { dataLimit: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Key field ${n}`}
                      className="mono"
                      list={`route-key-fields-${i}`}
                      disabled={row.onNewData !== 'upsert'}
                      placeholder={row.onNewData === 'upsert' ? 'symbol' : 'for update or insert'}
                      value={row.keyField}
                      aria-invalid={problemAt(problems, i, 'keyField') !== null}
                      onChange={(e) => setRow(i, { keyField: e.target.value })}
                    />
                    <datalist id={`route-key-fields-${i}`}>
                      {keyFields.map((f) => (
                        <option key={f.path} value={f.path} />
                      ))}
                    </datalist>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button small ghost"
                      aria-label={`Remove ${what} ${n}`}
                      onClick={remove}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              )
            }}
          >
            {(rendered, add) => (
              <>
                <table className="table compact routes-table">
                  <thead>
                    <tr>
                      <th scope="col">{byChannel ? 'Channel' : 'Message type'}</th>
                      <th scope="col">On new data</th>
                      <th scope="col">Data limit</th>
                      <th scope="col">Key field</th>
                      <th scope="col">
                        <span className="visually-hidden">Remove</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>{rendered}</tbody>
                </table>
                <datalist id="route-kinds">
                  {kinds
                    .filter((k) => !listed.has(k.value))
                    .map((k) => (
                      <option key={k.value} value={k.value} />
                    ))}
                </datalist>
                <span className="field-problem">{problemAt(problems, null, 'rows')}</span>
                <button type="button" className="button small" onClick={() => add(routeRow())}>
                  Add {what}
                </button>
              </>
            )}
          </EditableRows>
          <p className="muted small">
            Bind a widget to <code>{example}</code> (names that are not identifiers go in brackets). Every message still
            reaches <code>dataSet</code>; a message of a {what} not listed is kept there only.
          </p>
        </>
      )}
    </fieldset>
  )
}
