/**
 * Batches UI work to one flush per animation frame: a burst of 1,000 messages in one frame costs one
 * re-evaluation per binding, not 1,000. Where `requestAnimationFrame` does not exist (Node tests
 * without a DOM) a microtask is used instead, so updates still arrive without timers.
 */
export interface FrameScheduler {
  /** Runs `task` in the next flush; scheduling the same task twice before it runs runs it once. */
  schedule(task: () => void): void
  /** Runs every pending task now (used before an action reads bound values). */
  flush(): void
}

export type RequestFrame = (callback: () => void) => void

function defaultRequestFrame(): RequestFrame {
  if (typeof requestAnimationFrame === 'function') return (callback) => requestAnimationFrame(() => callback())
  return (callback) => queueMicrotask(callback)
}

export function createFrameScheduler(requestFrame: RequestFrame = defaultRequestFrame()): FrameScheduler {
  let pending = new Set<() => void>()
  let requested = false

  const flush = (): void => {
    requested = false
    // Tasks scheduled while flushing (a binding feeding a variable input) run in the next frame.
    const tasks = pending
    pending = new Set()
    for (const task of tasks) {
      try {
        task()
      } catch (error) {
        console.error('[tether] a scheduled update failed', error)
      }
    }
  }

  return {
    schedule(task) {
      pending.add(task)
      if (requested) return
      requested = true
      requestFrame(flush)
    },
    flush,
  }
}

/** The scheduler used when a runtime is created without one. */
export const frameScheduler: FrameScheduler = createFrameScheduler()
