import { IDENTIFIER_RULE, isIdentifier, type WebSocketServiceDefinition } from '@tether/core'
import { type ReactNode, useState } from 'react'
import { type MockMessage, type MockSession, studioApi } from '../api/studio-api.js'
import type { LiveConnection, LiveSnapshot } from '../connection/live-connection.js'
import { RECORDING_LIMIT } from '../connection/message-log.js'
import { MockReplay } from './MockReplay.js'

interface Props {
  project: string
  /** The service recorded: its protocol and payload format go with the recording. */
  definition: WebSocketServiceDefinition
  mocks: string[]
  /** The settings page's test connection: recording captures what it receives. */
  connection: LiveConnection
  snapshot: LiveSnapshot
  reload: () => Promise<void>
}

/**
 * How a recording replays: as its service's protocol (Socket.IO, MQTT) when every message kept the channel
 * it came on, with the service's payload format; else as a bare WebSocket.
 */
function recordedAs(
  definition: WebSocketServiceDefinition,
  messages: readonly MockMessage[],
): Pick<MockSession, 'protocol' | 'payloadFormat'> {
  const protocol =
    definition.protocol === 'socket.io' || definition.protocol === 'mqtt' ? definition.protocol : undefined
  const perChannel = protocol !== undefined && messages.every((m) => m.channel !== undefined)
  return {
    ...(perChannel ? { protocol } : {}),
    ...(definition.payloadFormat ? { payloadFormat: definition.payloadFormat } : {}),
  }
}

/** Record a live session of the test connection, save it as a mock, and replay the project's mocks. */
export function MocksPanel({ project, definition, mocks, connection, snapshot, reload }: Props): ReactNode {
  const service = definition.name
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
        ...recordedAs(definition, recording.messages),
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
        Record what the test connection receives, with its timing, and the server replays it — as a Socket.IO server or
        an MQTT broker when every message kept its channel, else as a WebSocket service — so apps and tests run without
        the real one. Up to {RECORDING_LIMIT} messages per recording.
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
