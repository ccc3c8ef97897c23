/** The room of a connection without `?room=`. */
export const DEFAULT_ROOM = 'general'

const ROOM_PATTERN = /^[\w-]{1,64}$/

/** Whether `name` is a valid room name: 1–64 letters, digits, `_` or `-`. */
export function isRoomName(name: string): boolean {
  return ROOM_PATTERN.test(name)
}

/** The chat's query parameters, checked. */
export interface ChatQuery {
  /** `?room=`: 1–64 letters, digits, `_` or `-`. Defaults to `general`. */
  room: string
  /** `?history=N`: the last N messages are sent on join (larger values are capped at `historyMax`). Defaults to 0. */
  history: number
  /** `?since=<id>`: every message after this id is sent on join, then the live stream. */
  since: number | null
  /** `?username=`: optional, and then it must be the session's user. */
  username: string | null
  /**
   * `?test=1`: a design-time test (the studio's Test button). Its posts come back to it alone, as a
   * member would receive them, and are neither stored nor sent to the room. Defaults to false.
   */
  test: boolean
}

function single(value: unknown): string | undefined | null {
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : null // repeated parameters arrive as arrays
}

function nonNegativeInteger(text: string): number | null {
  return /^\d{1,15}$/.test(text) ? Number(text) : null
}

/** Reads and checks the query of a chat connection; `error` says what to fix. `?history=` is capped at `historyMax`. */
export function parseChatQuery(query: unknown, historyMax: number): ChatQuery | { error: string } {
  const q = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>
  const room = single(q.room)
  const history = single(q.history)
  const since = single(q.since)
  const username = single(q.username)
  const test = single(q.test)
  if (room === null || history === null || since === null || username === null || test === null) {
    return { error: 'Give each of room, history, since, username and test at most once' }
  }
  if (test !== undefined && test !== '1' && test !== '0') return { error: 'test must be 1 or 0' }
  if (room !== undefined && !ROOM_PATTERN.test(room)) {
    return { error: 'room must be 1-64 letters, digits, _ or -' }
  }
  const historyCount = history === undefined || history === '' ? 0 : nonNegativeInteger(history)
  if (historyCount === null) return { error: `history must be a whole number from 0 to ${historyMax}` }
  const sinceId = since === undefined || since === '' ? null : nonNegativeInteger(since)
  if (since !== undefined && since !== '' && sinceId === null) {
    return { error: 'since must be the id of the last message received (a whole number)' }
  }
  return {
    room: room ?? DEFAULT_ROOM,
    history: Math.min(historyCount, historyMax),
    since: sinceId,
    username: username === undefined || username === '' ? null : username,
    test: test === '1',
  }
}
