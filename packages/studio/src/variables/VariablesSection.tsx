import type { ReactNode } from 'react'
import type { SectionProps } from '../shell/section.js'
import { listVariables } from './list-variables.js'

/** Variables of the app and its pages, read-only for now (the variables dialog comes with part 2). */
export function VariablesSection({ contents }: SectionProps): ReactNode {
  const rows = listVariables(contents)
  return (
    <section aria-labelledby="variables-title">
      <header className="panel-header">
        <div>
          <h1 id="variables-title">Variables</h1>
          <p className="muted">Variables connect pages to services and data. Read-only here for now.</p>
        </div>
      </header>
      {rows.length === 0 ? (
        <p className="empty">No variables yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
              <th scope="col">Kind</th>
              <th scope="col">Service / entity</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.page ?? ''}/${row.name}`}>
                <td className="mono">{row.name}</td>
                <td>{row.scope === 'app' ? 'App' : `Page ${row.page}`}</td>
                <td>{row.category}</td>
                <td className="mono">{row.source ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
