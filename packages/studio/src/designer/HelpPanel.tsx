import type { ReactNode } from 'react'

/** Every designer action has a key; this is the list the Help button shows. */
export const SHORTCUTS: readonly [string, string][] = [
  ['Enter on a palette widget', 'Insert it into the selected container (or after the selected widget)'],
  ['↑ / ↓ in the outline', 'Select the previous / next widget'],
  ['Home / End in the outline', 'Select the first / last widget'],
  ['Alt+↑ / Alt+↓', 'Move the selected widget up / down'],
  ['Alt+→', 'Move it into the container above it'],
  ['Alt+←', 'Move it out of its container'],
  ['Delete', 'Delete the selected widget'],
  ['Enter in the outline', 'Edit its properties'],
  ['Escape', 'Select the page (nothing)'],
  ['Ctrl+Z', 'Undo (up to 100 steps)'],
  ['Ctrl+Shift+Z or Ctrl+Y', 'Redo'],
  ['Ctrl+S', 'Save the page'],
  ['Ctrl+Enter in the bind dialog', 'Bind'],
  ['F1 or ?', 'Show or hide this help'],
]

export function HelpPanel({ onClose }: { onClose: () => void }): ReactNode {
  return (
    <aside className="help-panel" aria-labelledby="designer-help-title">
      <header>
        <h2 id="designer-help-title">Keyboard shortcuts</h2>
        <button type="button" className="button ghost small" aria-label="Close help" onClick={onClose}>
          ✕
        </button>
      </header>
      <p className="muted small">
        Drag widgets from the palette onto the canvas or into a grid column or panel footer — or do it all by keyboard:
      </p>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </aside>
  )
}
