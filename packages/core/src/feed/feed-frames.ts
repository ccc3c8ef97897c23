/**
 * The frames a shared feed's viewer receives from the server's proxy. Every frame is JSON text:
 *
 * - a message: `{"seq":12,"text":"…"}` (a binary upstream message: `{"seq":12,"base64":"…"}`); `seq`
 *   counts the feed's messages, so a viewer resumes with `since=<seq>` and drops what it already has;
 * - the upstream's state: `{"upstream":{"state":"reconnecting","attempts":2}}`;
 * - a refusal: `{"error":{"code":"TETHER_FEED_READ_ONLY","message":"…"}}` (the connection stays open).
 *
 * The server writes them with `encodeFeedMessage`/`encodeFeedStatus`, the variable reads them with
 * `readFeedFrame`: one definition of the wire format for both sides.
 */

/** What the feed's one upstream connection is doing (held by the server, not the viewer). */
export type UpstreamState = 'connecting' | 'open' | 'reconnecting' | 'closed'

export interface UpstreamStatus {
  readonly state: UpstreamState
  /** Connection attempts since the upstream was last open (0 while open). */
  readonly attempts: number
}

export type FeedFrame =
  | { kind: 'message'; seq: number; data: string | Uint8Array }
  | { kind: 'upstream'; upstream: UpstreamStatus }
  | { kind: 'error'; code: string; message: string }
  | { kind: 'invalid' }

const UPSTREAM_STATES: readonly string[] = ['connecting', 'open', 'reconnecting', 'closed']

/** A message frame; `text` is JSON-escaped once here, and the same frame goes to every viewer. */
export function encodeFeedMessage(seq: number, data: string | { base64: string }): string {
  if (typeof data === 'string') return `{"seq":${seq},"text":${JSON.stringify(data)}}`
  return `{"seq":${seq},"base64":${JSON.stringify(data.base64)}}`
}

export function encodeFeedStatus(upstream: UpstreamStatus): string {
  return JSON.stringify({ upstream: { state: upstream.state, attempts: upstream.attempts } })
}

export function encodeFeedError(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } })
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Reads one frame from the server; anything else (not JSON, unknown shape) is `invalid`. */
export function readFeedFrame(raw: string): FeedFrame {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return { kind: 'invalid' }
  }
  if (typeof value !== 'object' || value === null) return { kind: 'invalid' }
  const frame = value as Record<string, unknown>
  if (typeof frame.seq === 'number' && Number.isSafeInteger(frame.seq)) {
    if (typeof frame.text === 'string') return { kind: 'message', seq: frame.seq, data: frame.text }
    if (typeof frame.base64 === 'string') {
      try {
        return { kind: 'message', seq: frame.seq, data: fromBase64(frame.base64) }
      } catch {
        return { kind: 'invalid' }
      }
    }
  }
  const upstream = frame.upstream as Record<string, unknown> | undefined
  if (typeof upstream === 'object' && upstream !== null && UPSTREAM_STATES.includes(upstream.state as string)) {
    const attempts = typeof upstream.attempts === 'number' ? upstream.attempts : 0
    return { kind: 'upstream', upstream: { state: upstream.state as UpstreamState, attempts } }
  }
  const error = frame.error as Record<string, unknown> | undefined
  if (typeof error === 'object' && error !== null && typeof error.code === 'string') {
    return { kind: 'error', code: error.code, message: typeof error.message === 'string' ? error.message : '' }
  }
  return { kind: 'invalid' }
}
