import { type ReactNode, useId, useState } from 'react'
import { MessageList } from '../connection/MessageList.js'
import { MOCK_SPEEDS, mockReplayUrl } from '../connection/socket-urls.js'
import { useLiveConnection } from '../connection/use-live-connection.js'
import { CopyButton } from '../schema/CopyButton.js'
import { MockMessages } from './MockMessages.js'

/** One mock: its replay URL (speed, loop), and a Test that connects to it and shows what arrives. */
export function MockReplay({ project, mock }: { project: string; mock: string }): ReactNode {
  const id = useId()
  const [speed, setSpeed] = useState<number>(1)
  const [loop, setLoop] = useState(true)
  const [showMessages, setShowMessages] = useState(false)
  const [connection, snapshot] = useLiveConnection()
  const url = mockReplayUrl(project, mock, speed, loop, window.location)
  const live = snapshot.state === 'open' || snapshot.state === 'connecting'

  return (
    <div className="mock" data-mock={mock}>
      <div className="mock-header">
        <strong className="mono">{mock}</strong>
        <label className="inline-field">
          <span>Speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {MOCK_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} />
          <span>Loop</span>
        </label>
        <button
          type="button"
          className="button small ghost"
          aria-expanded={showMessages}
          onClick={() => setShowMessages(!showMessages)}
        >
          {showMessages ? 'Hide messages' : 'Show messages'}
        </button>
        {live ? (
          <button type="button" className="button small" onClick={() => connection.disconnect()}>
            Stop
          </button>
        ) : (
          <button type="button" className="button small primary" onClick={() => connection.connect({ url })}>
            Test replay
          </button>
        )}
      </div>
      <div className="replay-url">
        <code id={`${id}-url`} className="mono small" data-testid="replay-url">
          {url}
        </code>
        <CopyButton text={url} label="Copy URL" />
      </div>
      {showMessages && <MockMessages project={project} mock={mock} />}
      {snapshot.explanation && (
        <p className={snapshot.state === 'failed' ? 'alert alert-error' : 'alert'} role="alert">
          {snapshot.explanation}
        </p>
      )}
      {snapshot.state !== 'idle' && <MessageList messages={snapshot.messages} />}
    </div>
  )
}
