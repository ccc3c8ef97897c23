import { closeInfoOf, createSocket, type WebSocketConstructor } from '../protocols/socket.js'
import { isEngineIoOpen } from './url-rules.js'

/** What a bare WebSocket (no subprotocol, nothing sent) showed about its server. */
export type BareSocketOutcome =
  /** The first frame was Engine.IO's open packet: a Socket.IO server. */
  | { kind: 'engine-io' }
  /** The server sent messages of its own, in no protocol recognised. */
  | { kind: 'messages' }
  /** It opened, then closed with 4406 or 1002: the server wants a subprotocol. */
  | { kind: 'refused'; code: number }
  /** It opened and said nothing for the quiet period (or closed without a word). */
  | { kind: 'silent' }
  /** It never opened. */
  | { kind: 'failed'; code: number; reason: string }

/** Close codes by which a server refuses a WebSocket without the subprotocol it wants. */
const WANTS_SUBPROTOCOL = new Set([4406, 1002])

/**
 * Opens a bare WebSocket and watches the first thing that happens, without sending anything: the
 * socket is closed as soon as the outcome is known, after `quietMs` of silence at the latest.
 */
export function watchBareSocket(
  url: string,
  options: { WebSocket: WebSocketConstructor; timeoutMs: number; quietMs: number; signal?: AbortSignal },
): Promise<BareSocketOutcome> {
  return new Promise((resolve) => {
    let socket: ReturnType<typeof createSocket>
    try {
      socket = createSocket(options.WebSocket, url, undefined)
    } catch (error) {
      resolve({ kind: 'failed', code: 1006, reason: (error as Error).message })
      return
    }
    let opened = false
    let settled = false
    let timer = setTimeout(() => settle({ kind: 'failed', code: 1006, reason: 'no answer in time' }), options.timeoutMs)
    const onAbort = () => settle({ kind: 'failed', code: 1006, reason: 'cancelled' })
    function settle(outcome: BareSocketOutcome) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      socket.onopen = null
      socket.onmessage = null
      socket.onclose = null
      // Closing a socket still connecting reports an error; it must have a listener (`ws` throws otherwise).
      socket.onerror = () => {}
      try {
        socket.close(1000)
      } catch {
        socket.terminate?.()
      }
      resolve(outcome)
    }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    socket.onopen = () => {
      opened = true
      clearTimeout(timer)
      timer = setTimeout(() => settle({ kind: 'silent' }), options.quietMs)
    }
    socket.onmessage = (event: { data: unknown }) =>
      settle(
        typeof event.data === 'string' && isEngineIoOpen(event.data) ? { kind: 'engine-io' } : { kind: 'messages' },
      )
    socket.onerror = () => {} // the close that follows says how it ended
    socket.onclose = (event: unknown) => {
      const { code, reason } = closeInfoOf(event)
      if (!opened) settle({ kind: 'failed', code, reason })
      else if (WANTS_SUBPROTOCOL.has(code)) settle({ kind: 'refused', code })
      else settle({ kind: 'silent' })
    }
  })
}
