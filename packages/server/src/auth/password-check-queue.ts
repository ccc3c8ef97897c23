import { ApiError, ApiErrorCodes } from '../errors/index.js'

/**
 * Bounds the password checks running at once. scrypt runs on libuv's thread pool (4 threads by
 * default), which file reads, DNS lookups and compression share: a burst of logins hashing all at
 * once would stall every other request. At most `maxRunning` checks run; up to `maxWaiting` more wait
 * their turn in order; beyond that a login is refused at once with `503 TETHER_BUSY`.
 *
 * @example
 * const checks = new PasswordCheckQueue({ maxRunning: 2, maxWaiting: 100 })
 * checks.admit() // throws TETHER_BUSY when full, before anything else is spent on the request
 * const ok = await checks.run(() => verifyPassword(password, hash))
 */
export class PasswordCheckQueue {
  readonly #maxRunning: number
  readonly #maxWaiting: number
  readonly #waiting: (() => void)[] = []
  #running = 0

  constructor(options: { maxRunning: number; maxWaiting: number }) {
    this.#maxRunning = options.maxRunning
    this.#maxWaiting = options.maxWaiting
  }

  /** Throws `503 TETHER_BUSY` when a check could neither run now nor wait its turn. */
  admit(): void {
    if (this.#running < this.#maxRunning || this.#waiting.length < this.#maxWaiting) return
    throw new ApiError(503, ApiErrorCodes.BUSY, 'Too many logins at once: try again in a moment.', {
      headers: { 'retry-after': '1' },
    })
  }

  /** Runs `check` once fewer than `maxRunning` run; call `admit` first (synchronously before) to bound the wait. */
  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#maxRunning) await new Promise<void>((resolve) => this.#waiting.push(resolve))
    else this.#running++
    try {
      return await check()
    } finally {
      // Hand the slot straight to the next waiter, so `running` never dips and lets a newcomer jump the queue.
      const next = this.#waiting.shift()
      if (next) next()
      else this.#running--
    }
  }

  /** Checks running now. */
  get running(): number {
    return this.#running
  }

  /** Checks waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length
  }
}
