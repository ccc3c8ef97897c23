import {
  appendBounded,
  type BoundedList,
  emptyBoundedList,
  LIVE_MESSAGE_LIMIT,
  type LiveMessage,
} from './message-log.js'

/**
 * How many messages arriving while the log is paused are held for "Resume"; beyond it the oldest held
 * ones are dropped, and still counted in "Resume (N new)".
 */
export const PAUSED_MESSAGE_LIMIT = 1000

/** The test panel's log: what it shows, what arrived while paused, and how many came on each channel. */
export interface LiveLog {
  /** The messages shown, the newest {@link LIVE_MESSAGE_LIMIT}. */
  messages: BoundedList<LiveMessage>
  /** Messages that arrived while paused (not shown yet); null while the log follows the connection. */
  held: BoundedList<LiveMessage> | null
  /** Messages received per channel since the log was last cleared (paused ones included). */
  channelCounts: Readonly<Record<string, number>>
}

export const emptyLog = (): LiveLog => ({ messages: emptyBoundedList(), held: null, channelCounts: {} })

/** A message arrives: shown at once, or held while paused; its channel is counted either way. */
export function receiveMessage(log: LiveLog, message: LiveMessage): LiveLog {
  const channelCounts =
    message.channel === undefined
      ? log.channelCounts
      : { ...log.channelCounts, [message.channel]: (log.channelCounts[message.channel] ?? 0) + 1 }
  if (log.held !== null) {
    return { ...log, held: appendBounded(log.held, message, PAUSED_MESSAGE_LIMIT), channelCounts }
  }
  return { ...log, messages: appendBounded(log.messages, message, LIVE_MESSAGE_LIMIT), channelCounts }
}

/** Stops showing new messages (they are held) so the list can be read; a paused log stays as it is. */
export function pauseLog(log: LiveLog): LiveLog {
  return log.held === null ? { ...log, held: emptyBoundedList() } : log
}

/** Shows what arrived while paused, in order, within the list's limit; those that did not fit count as dropped. */
export function resumeLog(log: LiveLog): LiveLog {
  if (log.held === null) return log
  let messages: BoundedList<LiveMessage> = { ...log.messages, dropped: log.messages.dropped + log.held.dropped }
  for (const message of log.held.items) messages = appendBounded(messages, message, LIVE_MESSAGE_LIMIT)
  return { ...log, messages, held: null }
}

/** Empties the list and the channel counts; a paused log stays paused. */
export function clearLog(log: LiveLog): LiveLog {
  return { messages: emptyBoundedList(), held: log.held === null ? null : emptyBoundedList(), channelCounts: {} }
}

/** How many messages arrived since the log was paused (dropped ones included): the N of "Resume (N new)". */
export function newWhilePaused(log: LiveLog): number {
  return log.held === null ? 0 : log.held.items.length + log.held.dropped
}

/** The shown messages of one channel, or all of them for null. */
export function messagesOn(log: LiveLog, channel: string | null): readonly LiveMessage[] {
  return channel === null ? log.messages.items : log.messages.items.filter((message) => message.channel === channel)
}
