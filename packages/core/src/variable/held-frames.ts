import { XML_PARSER_LOADING } from '../protocols/parse-message.js'

/** Frames held while the XML parser loads; beyond this the oldest are dropped (and reported once). */
export const HELD_FRAMES_LIMIT = 10_000

interface Held {
  payload: unknown
  channel: string | undefined
  raw: unknown
}

/**
 * Keeps the order of messages across the XML parser's first load: an XML frame that arrives before
 * the parser is there is held, and so is every frame after it, until the parser has loaded; then they
 * are parsed and delivered in the order they came.
 */
export class HeldFrames {
  readonly #frames: Held[] = []
  #droppedReported = false

  constructor(
    private readonly deliver: (payload: unknown, channel: string | undefined, raw: unknown) => void,
    private readonly parse: (raw: unknown) => unknown,
  ) {}

  /** Delivers the frame now, or holds it behind an XML frame that waits for the parser. */
  receive(payload: unknown, channel: string | undefined, raw: unknown, whenParserLoads: () => Promise<void>): void {
    if (payload !== XML_PARSER_LOADING && this.#frames.length === 0) {
      this.deliver(payload, channel, raw)
      return
    }
    if (this.#frames.length === 0) void whenParserLoads().then(() => this.#release())
    if (this.#frames.length >= HELD_FRAMES_LIMIT) {
      this.#frames.shift()
      if (!this.#droppedReported) {
        this.#droppedReported = true
        console.warn(
          `[tether] ${HELD_FRAMES_LIMIT} messages arrived while the XML parser loaded: the oldest were dropped`,
        )
      }
    }
    this.#frames.push({ payload, channel, raw })
  }

  /** Forgets held frames (the variable was disposed). */
  clear(): void {
    this.#frames.length = 0
  }

  #release(): void {
    for (const frame of this.#frames.splice(0)) {
      const payload = frame.payload === XML_PARSER_LOADING ? this.parse(frame.raw) : frame.payload
      this.deliver(payload, frame.channel, frame.raw)
    }
  }
}
