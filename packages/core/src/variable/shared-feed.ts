import { type ErrorCode, ErrorCodes, TetherError } from '../errors.js'
import { readFeedFrame } from '../feed/index.js'
import type { ChangeNotifier } from './change-notifier.js'
import type { EventHandlers } from './event-handlers.js'

const KNOWN_CODES = new Set<string>(Object.values(ErrorCodes))

/**
 * A viewer's side of a shared service's feed: unwraps the server's frames (see feed/feed-frames.ts),
 * hands each message on once in sequence order, keeps the upstream's status and the resume position.
 * The position survives reconnects (`since=` on the next one) and is forgotten when the bindings name
 * another feed.
 */
export class SharedFeedReader {
  /** The sequence number of the newest message handed on; the next connection resumes after it. */
  private lastSeq: number | undefined

  constructor(
    private readonly notifier: ChangeNotifier,
    private readonly events: EventHandlers,
  ) {}

  get position(): number | undefined {
    return this.lastSeq
  }

  reset(): void {
    this.lastSeq = undefined
  }

  /** Reads one frame; returns the upstream message it carries, or undefined when there is none to add. */
  read(raw: unknown): string | Uint8Array | undefined {
    if (typeof raw !== 'string') return undefined
    const frame = readFeedFrame(raw)
    switch (frame.kind) {
      case 'message':
        // After a resume the server starts right after `since`; anything older is a duplicate.
        if (this.lastSeq !== undefined && frame.seq <= this.lastSeq) return undefined
        this.lastSeq = frame.seq
        return frame.data
      case 'upstream':
        this.notifier.dispatch({ type: 'upstreamChanged', upstream: frame.upstream })
        return undefined
      case 'error': {
        const code = KNOWN_CODES.has(frame.code) ? (frame.code as ErrorCode) : ErrorCodes.SEND_FAILED
        this.events.reportError(new TetherError(code, frame.message))
        return undefined
      }
      case 'invalid':
        return undefined
    }
  }
}
