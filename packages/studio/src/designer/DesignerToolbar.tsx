import type { ReactNode } from 'react'
import type { Designer } from './use-designer.js'

export interface PageProblem {
  path: string
  message: string
}

interface Props {
  designer: Designer
  pageName: string
  /** Where ▶ Run opens the app on this page. */
  runUrl: string
  /** ▶ Run: saves unsaved changes first, then opens the app. */
  onRun: () => void
  help: boolean
  onToggleHelp: () => void
  onSave: () => void
  onBack: () => void
  /** Why the last save was refused, by path in the page file. */
  problems: PageProblem[]
}

/** The designer's top bar (back, undo/redo, help, save, run), its status line and the save problems. */
export function DesignerToolbar({
  designer,
  pageName,
  runUrl,
  onRun,
  help,
  onToggleHelp,
  onSave,
  onBack,
  problems,
}: Props): ReactNode {
  const { state } = designer
  return (
    <>
      <header className="designer-toolbar">
        <button type="button" className="button ghost small" onClick={onBack}>
          ← Pages
        </button>
        <h1 className="designer-title">
          <span className="mono">{pageName}</span>
          {designer.dirty && <span className="tag tag-unsaved">unsaved</span>}
        </h1>
        <span className="topbar-spacer" />
        <button
          type="button"
          className="button small"
          title="Ctrl+Z"
          disabled={state.history.past.length === 0}
          onClick={designer.undo}
        >
          ↶ Undo
        </button>
        <button
          type="button"
          className="button small"
          title="Ctrl+Shift+Z"
          disabled={state.history.future.length === 0}
          onClick={designer.redo}
        >
          ↷ Redo
        </button>
        <button type="button" className="button small" onClick={onToggleHelp} aria-expanded={help}>
          ? Help
        </button>
        <button type="button" className="button small primary" title="Ctrl+S" onClick={onSave}>
          Save
        </button>
        <a
          className="button small"
          href={runUrl}
          target="_blank"
          rel="noreferrer"
          title={designer.dirty ? 'Saves the page, then opens the app in a new tab' : 'Open the app in a new tab'}
          onClick={(event) => {
            event.preventDefault()
            onRun()
          }}
        >
          ▶ Run
        </a>
      </header>
      <p
        className={state.notice?.tone === 'error' ? 'designer-notice error' : 'designer-notice'}
        role="status"
        aria-live="polite"
      >
        {state.notice?.text ?? ' '}
      </p>
      {problems.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p>Fix these before saving:</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                <code>{p.path || '(page)'}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  )
}
