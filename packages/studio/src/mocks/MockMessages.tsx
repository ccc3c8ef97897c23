import { type ReactNode, useEffect, useState } from 'react'
import { type MockSession, studioApi } from '../api/studio-api.js'
import { channelsOf, MOCK_ROWS_SHOWN, messagesOn } from './mock-channels.js'

/** How many bytes a base64 text decodes to. */
const base64Bytes = (data: string) => (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0)

/** At most this many characters of a message's data are shown in its row. */
const PREVIEW_CHARS = 160

/**
 * What a saved mock holds: each message's time, channel and data, with a channel filter. Loaded when
 * shown; at most MOCK_ROWS_SHOWN rows at once (the filter narrows a long recording down).
 */
export function MockMessages({ project, mock }: { project: string; mock: string }): ReactNode {
  const [session, setSession] = useState<MockSession | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [channel, setChannel] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    studioApi.getMock(project, mock).then(
      (loaded) => current && setSession(loaded),
      (error: Error) => current && setProblem(`Could not read the mock: ${error.message}`),
    )
    return () => {
      current = false
    }
  }, [project, mock])

  if (problem)
    return (
      <p className="alert alert-error" role="alert">
        {problem}
      </p>
    )
  if (!session) return <p className="muted small">Loading the recording…</p>
  const channels = channelsOf(session.messages)
  const rows = messagesOn(session.messages, channel)
  const shown = rows.slice(0, MOCK_ROWS_SHOWN)

  return (
    <div className="mock-messages">
      <div className="mock-header">
        <span className="small">
          {session.messages.length} message{session.messages.length === 1 ? '' : 's'}
          {session.protocol === 'socket.io' && ', replayed as a Socket.IO server'}
          {session.protocol === 'mqtt' && ', replayed as an MQTT broker'}
        </span>
        {channels.length > 0 && (
          <label className="inline-field">
            <span>Channel</span>
            <select
              name="mockChannel"
              value={channel ?? ''}
              onChange={(e) => setChannel(e.target.value === '' ? null : e.target.value)}
            >
              <option value="">All channels ({channels.length})</option>
              {channels.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <table className="table compact mock-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">At</th>
            <th scope="col">Channel</th>
            <th scope="col">Data</th>
          </tr>
        </thead>
        <tbody>
          {shown.map(({ index, message }) => (
            <tr key={index}>
              <td className="muted">{index + 1}</td>
              <td className="mono">{(message.at / 1000).toFixed(3)} s</td>
              <td className="mono">{message.channel ?? '—'}</td>
              <td className="mono">
                {message.binary ? `binary, ${base64Bytes(message.data)} bytes` : message.data.slice(0, PREVIEW_CHARS)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown.length && (
        <p className="muted small">
          Showing the first {MOCK_ROWS_SHOWN} of {rows.length}; choose a channel to narrow them down.
        </p>
      )}
    </div>
  )
}
