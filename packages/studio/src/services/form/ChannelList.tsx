import type { ServiceProtocol } from '@tether/core'
import type { ReactNode } from 'react'
import { EditableRows } from '../../form/index.js'
import { FieldProblems, invalidProps } from './FieldProblems.js'
import { type ChannelRow, emptyChannelRow } from './protocol-draft.js'
import type { DraftProblems } from './service-draft.js'

/** What a channel is called in each protocol, and what an empty list means. */
const WORDING: Partial<
  Record<ServiceProtocol, { legend: string; one: string; add?: string; example: string; empty: string }>
> = {
  'socket.io': {
    legend: 'Events',
    one: 'Event',
    example: 'tick',
    empty: 'None listed: every event the server emits is received.',
  },
  stomp: {
    legend: 'Destinations',
    one: 'Destination',
    example: '/topic/prices',
    empty: 'Add the destinations to subscribe to.',
  },
  mqtt: {
    legend: 'Topic filters',
    one: 'Topic filter',
    example: 'sensors/+/heartrate',
    empty: 'Add the topics to subscribe to; + stands for one level, a final # for any number.',
  },
  'graphql-ws': {
    legend: 'Subscriptions',
    one: 'Subscription name',
    add: 'subscription',
    example: 'prices',
    empty: 'A GraphQL service sends nothing until subscribed: add a subscription.',
  },
  sse: {
    legend: 'Event names',
    one: 'Event name',
    example: 'message',
    empty: 'None listed: every event is received (“message” is the unnamed one).',
  },
}

interface Props {
  protocol: ServiceProtocol
  rows: ChannelRow[]
  problems: DraftProblems
  onChange: (rows: ChannelRow[]) => void
}

/** The channels of a protocol service (events, destinations, topic filters, subscriptions), edited in place. */
export function ChannelList({ protocol, rows, problems, onChange }: Props): ReactNode {
  const wording = WORDING[protocol]
  if (!wording) return null
  const update = (index: number, patch: Partial<ChannelRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  // A channel given as its name alone is reported at the entry, one given as an object at its name.
  const nameProblems = (index: number) => ({
    [`channels[${index}]`]: [...(problems[`channels[${index}]`] ?? []), ...(problems[`channels[${index}].name`] ?? [])],
  })
  return (
    <fieldset className="fieldset channel-list">
      <legend>{wording.legend}</legend>
      <FieldProblems problems={problems} path="channels" id="channels-problem" />
      {rows.length === 0 && <p className="muted small">{wording.empty}</p>}
      <EditableRows
        rows={rows}
        onChange={onChange}
        row={(row, index, { rowRef, remove }) => (
          <div className="channel-row" ref={rowRef}>
            <div className="header-row">
              <label className="field">
                <span>
                  {wording.one} {index + 1}
                </span>
                <input
                  name={`channel-${index}`}
                  className="mono"
                  value={row.name}
                  placeholder={wording.example}
                  spellCheck={false}
                  onChange={(e) => update(index, { name: e.target.value })}
                  {...invalidProps(nameProblems(index), `channels[${index}]`, `channel-${index}-problem`)}
                />
                <FieldProblems
                  problems={nameProblems(index)}
                  path={`channels[${index}]`}
                  id={`channel-${index}-problem`}
                />
              </label>
              {protocol === 'mqtt' ? (
                <label className="field">
                  <span>QoS</span>
                  <select
                    name={`channel-${index}-qos`}
                    value={row.qos}
                    onChange={(e) => update(index, { qos: e.target.value as ChannelRow['qos'] })}
                  >
                    <option value="">the service’s</option>
                    <option value="0">0</option>
                    <option value="1">1</option>
                    <option value="2">2</option>
                  </select>
                </label>
              ) : (
                <span />
              )}
              <button
                type="button"
                className="button ghost small"
                onClick={remove}
                aria-label={`Remove ${wording.one.toLowerCase()} ${row.name || index + 1}`}
              >
                ✕
              </button>
            </div>
            {protocol === 'graphql-ws' && (
              <div className="form-grid">
                <label className="field">
                  <span>Subscription document</span>
                  <textarea
                    name={`channel-${index}-query`}
                    className="mono"
                    rows={4}
                    value={row.query}
                    placeholder="subscription { prices { symbol price } }"
                    spellCheck={false}
                    onChange={(e) => update(index, { query: e.target.value })}
                    {...invalidProps(problems, `channels[${index}].query`, `channel-${index}-query-problem`)}
                  />
                  <FieldProblems
                    problems={problems}
                    path={`channels[${index}].query`}
                    id={`channel-${index}-query-problem`}
                  />
                </label>
                <label className="field">
                  <span>Variables (JSON)</span>
                  <textarea
                    name={`channel-${index}-variables`}
                    className="mono"
                    rows={4}
                    value={row.variablesText}
                    placeholder='{"symbol": "ACME"}'
                    spellCheck={false}
                    onChange={(e) => update(index, { variablesText: e.target.value })}
                    {...invalidProps(problems, `channels[${index}].variables`, `channel-${index}-variables-problem`)}
                  />
                  <FieldProblems
                    problems={problems}
                    path={`channels[${index}].variables`}
                    id={`channel-${index}-variables-problem`}
                  />
                </label>
              </div>
            )}
          </div>
        )}
      >
        {(rendered, add) => (
          <>
            {rendered}
            <button type="button" className="button small" onClick={() => add(emptyChannelRow())}>
              + Add {wording.add ?? wording.one.toLowerCase()}
            </button>
          </>
        )}
      </EditableRows>
    </fieldset>
  )
}
