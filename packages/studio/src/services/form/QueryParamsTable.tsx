import type { QueryParamDefinition } from '@tether/core'
import type { ReactNode } from 'react'
import { EditableRows } from '../../form/index.js'
import { FieldProblems, invalidProps } from './FieldProblems.js'
import type { DraftProblems } from './service-draft.js'
import { removeQueryParam } from './url-params.js'

interface Props {
  url: string
  rows: QueryParamDefinition[]
  problems: DraftProblems
  onChange: (url: string, rows: QueryParamDefinition[]) => void
}

/** Query parameters (parsed from the URL, plus any added here): name, required, default. */
export function QueryParamsTable({ url, rows, problems, onChange }: Props): ReactNode {
  const update = (index: number, patch: Partial<QueryParamDefinition>) =>
    onChange(
      url,
      rows.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    )
  const remove = (index: number) => {
    const row = rows[index]
    onChange(
      row ? removeQueryParam(url, row.name) : url,
      rows.filter((_, i) => i !== index),
    )
  }

  return (
    <fieldset className="fieldset">
      <legend>Query parameters</legend>
      <EditableRows
        rows={rows}
        onChange={(next) => onChange(url, next)}
        row={(row, index, { rowRef }) => {
          const path = `queryParams[${index}].name`
          return (
            <tr ref={rowRef}>
              <td>
                <input
                  aria-label={`Query parameter ${index + 1} name`}
                  className="mono"
                  value={row.name}
                  onChange={(e) => update(index, { name: e.target.value })}
                  {...invalidProps(problems, path, `query-${index}-problem`)}
                />
                <FieldProblems problems={problems} path={path} id={`query-${index}-problem`} />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${row.name || 'Parameter'} is required`}
                  checked={row.required === true}
                  onChange={(e) => update(index, { required: e.target.checked })}
                />
              </td>
              <td>
                <input
                  aria-label={`${row.name || 'Parameter'} default value`}
                  value={row.default ?? ''}
                  onChange={(e) => update(index, { default: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button ghost small"
                  onClick={() => remove(index)}
                  aria-label={`Remove ${row.name || 'parameter'}`}
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
            {rows.length === 0 ? (
              <p className="muted small">None. Parameters in the URL's query string appear here.</p>
            ) : (
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Required</th>
                    <th scope="col">Default</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>{rendered}</tbody>
              </table>
            )}
            <button type="button" className="button small" onClick={() => add({ name: '' })}>
              + Add query parameter
            </button>
          </>
        )}
      </EditableRows>
    </fieldset>
  )
}
