import { type ReactNode, useSyncExternalStore } from 'react'
import type { PreviewSends } from './preview-sends.js'

interface Props {
  sends: PreviewSends
  sending: boolean
  onSendingChange: (sending: boolean) => void
}

/**
 * Above the canvas: whether this preview really sends to services (off by default, so designing a chat
 * page posts nothing to the room), and the log of what it sent or would have sent.
 */
export function PreviewSendsBar({ sends, sending, onSendingChange }: Props): ReactNode {
  const log = useSyncExternalStore(sends.subscribe, sends.getSnapshot)
  const count = log.entries.length + log.dropped
  return (
    <div className="preview-sends">
      <label className="check">
        <input type="checkbox" checked={sending} onChange={(e) => onSendingChange(e.target.checked)} />
        <span>Send to services from this preview</span>
      </label>
      <span className="muted small">
        {sending
          ? 'On: the canvas really sends (RequestBody on connect, sends from events).'
          : 'Off: the canvas receives live data and sends nothing.'}
      </span>
      <details className="preview-log">
        <summary>Preview log ({count})</summary>
        {count === 0 ? (
          <p className="muted small">Nothing sent yet.</p>
        ) : (
          <ol aria-label="Preview log">
            {log.dropped > 0 && <li className="muted">{log.dropped} older entries dropped</li>}
            {log.entries.map((entry) => (
              <li key={entry.id} data-outcome={entry.outcome}>
                <span className={entry.outcome === 'sent' ? 'tag' : 'tag tag-unsaved'}>{entry.outcome}</span>{' '}
                <span className="mono">{entry.text}</span> <span className="muted">to {entry.service}</span>
              </li>
            ))}
          </ol>
        )}
      </details>
    </div>
  )
}
