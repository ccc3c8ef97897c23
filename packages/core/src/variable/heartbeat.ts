/** Detects a dead connection: a socket can stay "open" for minutes after the network is gone. */
export interface HeartbeatOptions {
  /** Send `message` this often (only when `message` is set). Defaults to half of `timeoutMs`. */
  intervalMs?: number
  /** No frame for this long means the connection is dead: HEARTBEAT_TIMEOUT, then a reconnect. Defaults to 30,000 ms. */
  timeoutMs?: number
  /** A ping the server answers (string, or an object sent as JSON). Defaults to none (idle timeout only). */
  message?: unknown
}

interface HeartbeatHooks {
  ping(message: unknown): void
  timedOut(idleMs: number): void
  now?: () => number
}

/**
 * One idle deadline timer per connection. `touch()` only records the time (cheap on the per-message
 * path); when the timer fires it re-arms for the remainder if a frame arrived meanwhile.
 */
export class Heartbeat {
  private readonly timeoutMs: number
  private readonly intervalMs: number
  private lastFrameAt = 0
  private deadline: ReturnType<typeof setTimeout> | undefined
  private pinger: ReturnType<typeof setInterval> | undefined
  private readonly now: () => number

  constructor(
    private readonly options: HeartbeatOptions,
    private readonly hooks: HeartbeatHooks,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000
    this.intervalMs = options.intervalMs ?? Math.max(1, Math.floor(this.timeoutMs / 2))
    this.now = hooks.now ?? Date.now
  }

  start(): void {
    this.stop()
    this.lastFrameAt = this.now()
    this.arm(this.timeoutMs)
    if (this.options.message !== undefined) {
      this.pinger = setInterval(() => this.hooks.ping(this.options.message), this.intervalMs)
    }
  }

  touch(): void {
    this.lastFrameAt = this.now()
  }

  stop(): void {
    if (this.deadline !== undefined) clearTimeout(this.deadline)
    if (this.pinger !== undefined) clearInterval(this.pinger)
    this.deadline = undefined
    this.pinger = undefined
  }

  private arm(delayMs: number): void {
    this.deadline = setTimeout(() => {
      const idle = this.now() - this.lastFrameAt
      if (idle >= this.timeoutMs) {
        this.stop()
        this.hooks.timedOut(idle)
      } else {
        this.arm(this.timeoutMs - idle)
      }
    }, delayMs)
  }
}
