import type { MockMessage } from './mock-session.js'

/** Pause between the last message of a loop and the next round, in recorded time (scaled by speed). */
export const LOOP_PAUSE_MS = 100

export interface ReplayOptions {
  /** Playback rate: 2 plays twice as fast. Defaults to 1. */
  speed?: number
  /** Start again after the last message. Defaults to false. */
  loop?: boolean
}

/** The callbacks of a replay: `send` for each message, `end` once after the last (never when looping). */
export interface ReplaySink {
  send(message: MockMessage): void
  end(): void
}

/**
 * Plays recorded messages with their recorded timing. Due times are computed from the start (never
 * from the previous timer), so delays do not add up over a long or looped replay; messages due at
 * the same moment go out together in order. Returns a function that stops the replay.
 *
 * @example
 * const stop = replayMessages(session.messages, { speed: 2, loop: true }, { send, end })
 */
export function replayMessages(messages: readonly MockMessage[], options: ReplayOptions, sink: ReplaySink): () => void {
  const speed = options.speed ?? 1
  const loop = options.loop === true && messages.length > 0
  const lastAt = messages.at(-1)?.at ?? 0
  let origin = Date.now()
  let index = 0
  let timer: NodeJS.Timeout | null = null
  let stopped = false

  const tick = () => {
    timer = null
    if (stopped) return
    const now = Date.now()
    for (;;) {
      const next = messages[index]
      if (next === undefined) {
        if (!loop) {
          stopped = true
          sink.end()
          return
        }
        origin += (lastAt + LOOP_PAUSE_MS) / speed
        index = 0
        continue
      }
      const due = origin + next.at / speed
      if (due > now) {
        timer = setTimeout(tick, due - now)
        return
      }
      index++
      sink.send(next)
      if (stopped) return
    }
  }
  timer = setTimeout(tick, 0)

  return () => {
    stopped = true
    if (timer) clearTimeout(timer)
    timer = null
  }
}
