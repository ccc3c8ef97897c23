/**
 * Ages records out of a time window while no message arrives (adding a record prunes on its own, but a
 * quiet stream would otherwise show stale records forever). Checks ten times per window, at most every
 * 50 ms, and only while started: a closed variable needs no timer.
 */
export class PruneTimer {
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(
    private readonly windowMs: number | undefined,
    private readonly prune: () => void,
  ) {}

  start(): void {
    if (this.windowMs === undefined || this.timer !== undefined) return
    this.timer = setInterval(this.prune, Math.max(50, Math.floor(this.windowMs / 10)))
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer)
    this.timer = undefined
  }
}
