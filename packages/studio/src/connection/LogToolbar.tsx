import type { ReactNode } from 'react'
import { type LiveLog, newWhilePaused } from './live-log.js'

interface Props {
  log: LiveLog
  /** The channel shown, or null for all. */
  channel: string | null
  onChannelChange: (channel: string | null) => void
  onPause: () => void
  onResume: () => void
  onClear: () => void
}

/** Above the live log: one chip per channel with its count (a filter), Pause/Resume and Clear. */
export function LogToolbar({ log, channel, onChannelChange, onPause, onResume, onClear }: Props): ReactNode {
  const channels = Object.entries(log.channelCounts)
  const total = channels.reduce((sum, [, count]) => sum + count, 0)
  const waiting = newWhilePaused(log)
  return (
    <div className="log-toolbar">
      {channels.length > 0 && (
        <fieldset className="channel-chips">
          <legend className="visually-hidden">Show the messages of</legend>
          <button type="button" className="chip" aria-pressed={channel === null} onClick={() => onChannelChange(null)}>
            All channels <span className="chip-count">{total}</span>
          </button>
          {channels.map(([name, count]) => (
            <button
              key={name}
              type="button"
              className="chip mono"
              data-channel={name}
              aria-pressed={channel === name}
              onClick={() => onChannelChange(channel === name ? null : name)}
            >
              {name} <span className="chip-count">{count}</span>
            </button>
          ))}
        </fieldset>
      )}
      <div className="log-actions">
        {log.held === null ? (
          <button type="button" className="button small" onClick={onPause}>
            Pause
          </button>
        ) : (
          <button type="button" className="button small primary" onClick={onResume}>
            Resume ({waiting} new)
          </button>
        )}
        <button type="button" className="button small ghost" onClick={onClear}>
          Clear
        </button>
      </div>
    </div>
  )
}
