import { IDENTIFIER_RULE, isIdentifier } from '@tether/core'
import { type ReactNode, useState } from 'react'
import { studioApi } from '../api/studio-api.js'
import type { LiveConnection, LiveSnapshot } from '../connection/live-connection.js'
import { RECORDING_LIMIT } from '../connection/message-log.js'
import { MockReplay } from './MockReplay.js'

interface Props {
  project: string
  service: string
  mocks: string[]
  /** The settings page's test connection: recording captures what it receives. */
  connection: LiveConnection
  snapshot: LiveSnapshot
  reload: () => Promise<void>
}

/** Record a live session of the test connection, save it as a mock, and replay the project's mocks. */
export function MocksPanel({ project, service, mocks, connection, snapshot, reload }: Props): ReactNode {
  const [name, setName] = useState(`${service}_recording`)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const recording = snapshot.recording
  const open = snapshot.state === 'open'
  const nameProblem = isIdentifier(name) ? null : IDENTIFIER_RULE

  const save = async () => {
    if (!recording || nameProblem) return
    setBusy(true)
    setNotice(null)
    try {
      await studioApi.saveMock(project, name, {
        service,
        recordedAt: new Date(recording.startedAt).toISOString(),
        messages: [...recording.messages],
      })
      connection.discardRecording()
      await reload()
      setNotice({ kind: 'ok', text: `Saved mock ${name} (${recording.messages.length} messages).` })
    } catch (error) {
      setNotice({ kind: 'error', text: (error as Error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="mocks-title">
      <h2 id="mocks-title">Mocks</h2>
      <p className="muted small">
        Record what the test connection receives, with its timing, and the server replays it as a WebSocket service — so
        apps and tests run without the real one. Up to {RECORDING_LIMIT} messages per recording.
      </p>
      <div className="test-actions">
        {recording?.active ? (
          <button type="button" className="button" onClick={() => connection.stopRecording()}>
            ■ Stop recording
          </button>
        ) : (
          <button type="button" className="button" disabled={!open} onClick={() => connection.startRecording()}>
            ● Record
          </button>
        )}
        {!open && !recording && <span className="muted small">Start a test above to record.</span>}
        {recording && (
          <span className="small" role="status" data-testid="recorded-count">
            {recording.active ? 'Recording… ' : 'Recorded '}
            {recording.messages.length} message{recording.messages.length === 1 ? '' : 's'}
            {recording.full && ` (limit of ${RECORDING_LIMIT} reached)`}
          </span>
        )}
      </div>
      {recording && !recording.active && (
        <div className="inline-form">
          <label className="field">
            <span>Mock name</span>
            <input
              name="mockName"
              className="mono"
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameProblem !== null}
              aria-describedby="mock-name-problem"
            />
          </label>
          <button
            type="button"
            className="button primary"
            disabled={busy || nameProblem !== null || recording.messages.length === 0}
            onClick={() => void save()}
          >
            Save as mock
          </button>
          <button type="button" className="button ghost" onClick={() => connection.discardRecording()}>
            Discard
          </button>
          <span id="mock-name-problem" className="field-problem">
            {nameProblem}
          </span>
        </div>
      )}
      {notice && (
        <p
          className={notice.kind === 'ok' ? 'alert alert-ok' : 'alert alert-error'}
          role={notice.kind === 'ok' ? 'status' : 'alert'}
        >
          {notice.text}
        </p>
      )}
      {mocks.length === 0 ? (
        <p className="empty small">No mocks in this project yet.</p>
      ) : (
        <ul className="item-list" aria-label="Mocks">
          {mocks.map((mock) => (
            <li key={mock} className="item item-stacked">
              <MockReplay project={project} mock={mock} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
