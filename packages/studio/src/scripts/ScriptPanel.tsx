import type { ReactNode } from 'react'
import { ScriptEditor } from './ScriptEditor.js'
import type { ScriptFile } from './use-script-file.js'
import './scripts.css'

interface Props {
  script: ScriptFile
  pageName: string
  /** Saves the script and the page together (a handler and the event that runs it belong together). */
  onSave: () => void
  saving: boolean
}

/** Why Save is off, in a sentence; null when it is on. */
function saveBlocker(script: ScriptFile, saving: boolean): string | null {
  if (script.syntaxError)
    return `Fix the syntax error on line ${script.syntaxError.line} before saving: ${script.syntaxError.message}.`
  if (saving) return 'Saving…'
  return null
}

/**
 * The page's script: its handlers (`export function name(variable, data, options) {…}`), edited in a
 * JavaScript editor that marks syntax errors as you type. Save is off while the script does not parse.
 */
export function ScriptPanel({ script, pageName, onSave, saving }: Props): ReactNode {
  const { loaded } = script
  if (loaded.status === 'loading') return <p className="muted script-panel">Loading the script…</p>
  if (loaded.status === 'failed')
    return (
      <p className="alert alert-error script-panel" role="alert">
        The script could not be loaded: {loaded.message}
      </p>
    )
  const blocker = saveBlocker(script, saving)
  return (
    <section className="script-panel" aria-labelledby="script-title">
      <div className="script-panel-bar">
        <h2 className="designer-heading" id="script-title">
          Script <span className="mono muted">{script.path}</span>
          {script.dirty && <span className="muted small"> (unsaved)</span>}
        </h2>
        <button
          type="button"
          className="button small primary"
          disabled={blocker !== null}
          aria-describedby="script-save-blocker"
          onClick={onSave}
        >
          Save
        </button>
      </div>
      <p id="script-save-blocker" className={blocker ? 'field-problem' : 'muted small'} role="status">
        {blocker ??
          `Handlers of page ${pageName} are called (variable, data, options); options.page has Widgets, Variables, setWidget, navigate and notify.`}
      </p>
      <ScriptEditor
        source={loaded.text}
        label={`Script ${script.path}`}
        onChange={script.setText}
        onParsed={script.setCheck}
        focus={script.focus}
      />
    </section>
  )
}
