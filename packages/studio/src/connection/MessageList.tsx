import { type ReactNode, useEffect, useRef } from 'react'
import { displayMessage, FORMAT_LABELS, formatSize, formatTime } from './format-message.js'
import { type BoundedList, LIVE_MESSAGE_LIMIT, type LiveMessage } from './message-log.js'

interface Props {
  messages: BoundedList<LiveMessage>
  /** Shows only this channel's messages (the list's count says so); null or omitted: all. */
  channel?: string | null
  /** Ids ticked as samples; omit to show the list without checkboxes. */
  selected?: ReadonlySet<number>
  onToggle?: (message: LiveMessage) => void
}

/** Live messages, oldest first, each with time, size and its body (pretty JSON, text or hex). */
export function MessageList({ messages, channel = null, selected, onToggle }: Props): ReactNode {
  const items = channel === null ? messages.items : messages.items.filter((message) => message.channel === channel)
  const follow = useRef(true)
  const list = useRef<HTMLOListElement>(null)

  // Keep the newest message in view unless the user scrolled up to read or pick an older one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each new message on purpose
  useEffect(() => {
    const el = list.current
    if (el && follow.current) el.scrollTop = el.scrollHeight
  }, [messages])

  const onScroll = () => {
    const el = list.current
    if (el) follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40
  }

  return (
    <div className="messages">
      <p className="muted small" aria-live="polite">
        {items.length === 0
          ? channel === null
            ? 'No messages yet.'
            : `No messages on ${channel} among the last ${messages.items.length}.`
          : `${items.length} message${items.length === 1 ? '' : 's'}` +
            (channel === null ? '' : ` on ${channel}`) +
            (messages.dropped > 0
              ? ` — showing the last ${LIVE_MESSAGE_LIMIT}, ${messages.dropped} older dropped`
              : '')}
      </p>
      <ol className="message-list" ref={list} onScroll={onScroll} aria-label="Received messages">
        {items.map((message) => {
          const shown = displayMessage(message)
          const checked = selected?.has(message.id) ?? false
          const binary = shown.kind === 'binary'
          return (
            <li
              key={message.id}
              className={checked ? 'message selected' : 'message'}
              data-kind={shown.kind}
              data-channel={message.channel}
            >
              <div className="message-meta">
                {onToggle && (
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={binary}
                      onChange={() => {
                        // Picking samples: stop following new messages so the rows stay put.
                        follow.current = false
                        onToggle(message)
                      }}
                    />
                    <span>{binary ? 'Binary' : 'Use as sample'}</span>
                  </label>
                )}
                <time className="mono">{formatTime(message.receivedAt)}</time>
                <span className="muted">{formatSize(message.size)}</span>
                {message.channel !== undefined && <span className="message-channel mono">{message.channel}</span>}
                <span className="tag">
                  {shown.kind in FORMAT_LABELS
                    ? `${FORMAT_LABELS[shown.kind as keyof typeof FORMAT_LABELS]} → JSON`
                    : shown.kind}
                </span>
              </div>
              {shown.error && (
                <p className="message-error" role="note">
                  {shown.error}
                </p>
              )}
              <pre className="message-body">{shown.body}</pre>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
