import { type KeyboardEvent, type ReactNode, useState } from 'react'

interface Props {
  /** The page the roles are for, in the controls' names ("Add a role for Admin"). */
  page: string
  roles: readonly string[]
  /** Values the role field may hold, offered while typing. Defaults to none. */
  suggestions?: readonly string[]
  invalid: boolean
  onChange: (roles: string[]) => void
}

/** The roles that may open a page, as removable chips, and a box to add one (Enter, "Add", or leaving the box). */
export function RoleChips({ page, roles, suggestions = [], invalid, onChange }: Props): ReactNode {
  const [text, setText] = useState('')
  const listId = `roles-${page}`
  const add = () => {
    const role = text.trim()
    if (role !== '' && !roles.includes(role)) onChange([...roles, role])
    setText('')
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the role rather than submitting the whole form.
    if (event.key !== 'Enter') return
    event.preventDefault()
    add()
  }
  return (
    <div className="role-chips">
      <ul aria-label={`Roles for ${page}`}>
        {roles.map((role) => (
          <li key={role} className="role-chip">
            <span>{role}</span>
            <button
              type="button"
              aria-label={`Remove ${role} from ${page}`}
              onClick={() => onChange(roles.filter((r) => r !== role))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        aria-label={`Add a role for ${page}`}
        aria-invalid={invalid && roles.length === 0}
        placeholder="role, e.g. admin"
        list={suggestions.length > 0 ? listId : undefined}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        // A role typed but not yet added still counts when the user moves on (to Save, say).
        onBlur={add}
      />
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
      )}
      <button type="button" className="button small" onClick={add} disabled={text.trim() === ''}>
        Add
      </button>
    </div>
  )
}
