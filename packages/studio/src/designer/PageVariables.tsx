import type { WebSocketServiceDefinition } from '@tether/core'
import type { PageDefinition, PageRuntime, VariableDefinition } from '@tether/runtime'
import { type ReactNode, useState } from 'react'
import type { BindingContext } from '../bind/index.js'
import { usersOfVariable } from '../problems/index.js'
import type { EventTargets } from '../variables/EventsEditor.js'
import { renameReferences } from '../variables/rename-references.js'
import { VariableDialog } from '../variables/VariableDialog.js'
import type { Designer } from './use-designer.js'

interface Props {
  designer: Designer
  pageName: string
  services: Record<string, WebSocketServiceDefinition>
  context: BindingContext
  targets: EventTargets
  /** The canvas's live page, for the bind dialog's preview. */
  live: PageRuntime | null
  /** Writes a handler stub for a variable's event into the page's script (see EventsEditor). */
  onJavaScript: (variable: string, event: string) => { handler: string } | { problem: string }
}

/**
 * The page's own variables, listed beside the palette, and the dialog that creates or edits one. Changes
 * are designer edits (undoable, saved with the page); renaming a variable renames its references.
 */
export function PageVariables({
  designer,
  pageName,
  services,
  context,
  targets,
  live,
  onJavaScript,
}: Props): ReactNode {
  const { page } = designer
  // null name: a new variable.
  const [dialog, setDialog] = useState<{ name: string | null } | null>(null)
  const editing = dialog?.name != null ? page.variables[dialog.name] : undefined

  const remove = (name: string) => {
    const users = usersOfVariable({ [pageName]: page }, name, pageName)
    if (users.length > 0 && !window.confirm(`Delete the variable "${name}"? It is read by ${users.join(', ')}.`)) return
    const { [name]: _removed, ...rest } = page.variables
    designer.change({ ...page, variables: rest }, undefined, `Variable ${name} removed.`)
    setDialog(null)
  }

  // The dialog stays outside the list's box, so the list's styles do not reach into it.
  return (
    <>
      <div className="page-variables">
        <h2 className="designer-heading">Page variables</h2>
        <ul>
          {Object.entries(page.variables).map(([name, v]) => (
            <li key={name}>
              <button type="button" className="link-button mono" onClick={() => setDialog({ name })}>
                {name}
              </button>
              <span className="muted small"> {v.category}</span>
            </li>
          ))}
        </ul>
        <button type="button" className="button small" onClick={() => setDialog({ name: null })}>
          + Variable
        </button>
      </div>
      {dialog && (
        <VariableDialog
          editing={
            dialog.name !== null && editing
              ? { name: dialog.name, scope: 'page', page: pageName, definition: editing as VariableDefinition }
              : null
          }
          pages={[pageName]}
          fixedPage={pageName}
          savedWithPage
          services={services}
          takenNames={() => Object.keys(page.variables).filter((n) => n !== dialog.name)}
          bindingContext={() => context}
          live={live}
          targets={targets}
          onJavaScript={onJavaScript}
          onSave={(change) => {
            const previous = change.previous?.name
            const entries = Object.entries(page.variables).map(([k, v]): [string, VariableDefinition] =>
              k === previous ? [change.name, change.definition] : [k, v],
            )
            if (!previous) entries.push([change.name, change.definition])
            let next: PageDefinition = { ...page, variables: Object.fromEntries(entries) }
            if (previous && previous !== change.name) next = renameReferences(next, 'variable', previous, change.name)
            designer.change(
              next,
              undefined,
              `Variable ${change.name} ${previous ? 'updated' : 'added'}; save the page to keep it.`,
            )
            setDialog(null)
          }}
          {...(dialog.name !== null ? { onDelete: () => remove(dialog.name ?? '') } : {})}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  )
}
