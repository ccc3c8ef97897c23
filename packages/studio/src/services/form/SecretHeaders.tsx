import type { ReactNode } from 'react'
import { EditableRows } from '../../form/index.js'
import { FieldProblems, invalidProps } from './FieldProblems.js'
import type { DraftProblems, HeaderRow } from './service-draft.js'

interface Props {
  rows: HeaderRow[]
  useProxy: boolean
  problems: DraftProblems
  onChange: (rows: HeaderRow[]) => void
}

/**
 * Headers the proxy adds server-side (API keys…). Values are write-only: saved ones show only their
 * names and stay as they are unless a new value is typed (the server merges changes into what it keeps).
 */
export function SecretHeaders({ rows, useProxy, problems, onChange }: Props): ReactNode {
  const update = (index: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  return (
    <fieldset className="fieldset">
      <legend>Headers and secrets (added by the proxy)</legend>
      <p className="muted small">
        Stored on the server and added when the proxy connects; never sent to the browser.
        {rows.length > 0 && !useProxy && ' Turn on “Run through the proxy” so apps use them.'}
      </p>
      <EditableRows
        rows={rows}
        onChange={onChange}
        row={(row, index, { rowRef, remove }) => (
          <div className="header-row" ref={rowRef}>
            <label className="field">
              <span>Header</span>
              <input
                className="mono"
                value={row.name}
                readOnly={row.stored}
                onChange={(e) => update(index, { name: e.target.value })}
                {...invalidProps(problems, `headers[${index}].name`, `header-${index}-name`)}
              />
              <FieldProblems problems={problems} path={`headers[${index}].name`} id={`header-${index}-name`} />
            </label>
            <label className="field">
              <span>{row.stored ? 'New value (empty keeps the stored one)' : 'Value'}</span>
              <input
                type="password"
                autoComplete="off"
                value={row.value}
                placeholder={row.stored ? 'stored (unchanged)' : ''}
                onChange={(e) => update(index, { value: e.target.value })}
                {...invalidProps(problems, `headers[${index}].value`, `header-${index}-value`)}
              />
              {row.stored && (
                <span className="muted small" data-testid={`header-${index}-state`}>
                  {row.value === '' ? 'stored (unchanged)' : 'replaces the stored value on save'}
                </span>
              )}
              <FieldProblems problems={problems} path={`headers[${index}].value`} id={`header-${index}-value`} />
            </label>
            <button
              type="button"
              className="button ghost small"
              onClick={remove}
              aria-label={`Remove header ${row.name}`}
            >
              ✕
            </button>
          </div>
        )}
      >
        {(rendered, add) => (
          <>
            {rendered}
            <button type="button" className="button small" onClick={() => add({ name: '', value: '', stored: false })}>
              + Add header
            </button>
          </>
        )}
      </EditableRows>
    </fieldset>
  )
}
