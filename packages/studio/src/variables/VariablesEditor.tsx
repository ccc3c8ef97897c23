import type { VariableDefinition } from '@tether/runtime'
import { type ReactNode, useState } from 'react'
import { useEntities } from '../api/entities.js'
import { draftKey } from '../drafts/index.js'
import type { SectionProps } from '../model/section.js'
import { usersOfVariable } from '../problems/index.js'
import { listVariables, type VariableRow } from './list-variables.js'
import { eventTargets, projectBindingContext, takenVariableNames } from './project-context.js'
import { applyVariableChange, removeVariable, writeFiles } from './save-variable.js'
import { VariableDialog } from './VariableDialog.js'
import { CATEGORY_LABELS, type Category } from './variable-draft.js'

type Editing = { row: VariableRow | null }

function definitionOf(contents: SectionProps['contents'], row: VariableRow): VariableDefinition {
  const variables = row.scope === 'app' ? contents.project.variables : contents.pages[row.page ?? '']?.variables
  const definition = variables?.[row.name]
  // Rows are listed from these same files, so this holds unless the files changed under the list.
  if (!definition) throw new Error(`The project files have no variable "${row.name}" any more. Reload the studio.`)
  return definition
}

/** Variables of the app and its pages: create, edit, rename (bindings follow), delete. Saves the files. */
export function VariablesEditor({ project, contents, reload }: SectionProps): ReactNode {
  const rows = listVariables(contents)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null)
  const pages = Object.keys(contents.pages)
  const entities = useEntities()

  const remove = async (row: VariableRow) => {
    const users = usersOfVariable(contents.pages, row.name, row.page)
    const question =
      users.length === 0
        ? `Delete the variable "${row.name}"? Nothing reads it.`
        : `Delete the variable "${row.name}"? It is read by ${users.join(', ')}. They are listed under Problems until rebound.`
    if (!window.confirm(question)) return
    try {
      await writeFiles(project, removeVariable(contents, row))
      setEditing(null)
      setNotice({ text: `Deleted ${row.name}.` })
      await reload()
    } catch (error) {
      setNotice({ text: (error as Error).message, error: true })
    }
  }

  const row = editing?.row ?? null
  return (
    <section aria-labelledby="variables-title">
      <header className="panel-header">
        <div>
          <h1 id="variables-title">Variables</h1>
          <p className="muted">Variables connect pages to services and data. Widgets bind to them.</p>
        </div>
        <div className="header-actions">
          <button
            type="button"
            className="button primary"
            disabled={pages.length === 0}
            onClick={() => setEditing({ row: null })}
          >
            + New variable
          </button>
        </div>
      </header>
      <p className={notice?.error ? 'alert alert-error' : 'visually-hidden'} role="status">
        {notice?.text}
      </p>
      {rows.length === 0 ? (
        <p className="empty">
          No variables yet. Create one to bind widgets to a WebSocket service, a database entity or a fixed value.
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
              <th scope="col">Kind</th>
              <th scope="col">Service / entity</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.page ?? ''}/${r.name}`} data-variable={r.name}>
                <td className="mono">{r.name}</td>
                <td>{r.scope === 'app' ? 'App' : `Page ${r.page}`}</td>
                <td>{CATEGORY_LABELS[r.category as Category] ?? r.category}</td>
                <td className="mono">{r.source ?? '—'}</td>
                <td className="variable-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Edit ${r.name}`}
                    onClick={() => setEditing({ row: r })}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button small danger"
                    aria-label={`Delete ${r.name}`}
                    onClick={() => void remove(r)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <VariableDialog
          editing={
            row ? { name: row.name, scope: row.scope, page: row.page, definition: definitionOf(contents, row) } : null
          }
          pages={pages}
          draftKey={draftKey(project, `variables/${row ? `${row.page ?? 'app'}/${row.name}` : 'new'}`)}
          services={contents.services}
          takenNames={(scope, page) =>
            takenVariableNames(contents, scope, page, row && row.scope === scope && row.page === page ? row.name : null)
          }
          bindingContext={(scope, page) => projectBindingContext(contents, scope, page, entities)}
          targets={eventTargets(contents, row?.page ?? pages[0] ?? null)}
          onSave={async (change) => {
            await writeFiles(project, applyVariableChange(contents, change))
            setEditing(null)
            setNotice({ text: `Saved ${change.name}.` })
            await reload()
          }}
          {...(row ? { onDelete: () => remove(row) } : {})}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  )
}
