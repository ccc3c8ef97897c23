/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`. One per chat connection
 * (`CHAT_RATE_PER_SECOND`, `CHAT_RATE_BURST`), so one socket cannot fill the database at the speed of
 * its network (an adversarial run stored 3,000 messages from one socket in under a second).
 *
 * @example
 * const rate = new MessageRate(20, 100)
 * if (!rate.take()) socket.close(1013, 'slow down')
 */
export class MessageRate {
  readonly #perMs: number
  readonly #burst: number
  #tokens: number
  #at: number

  constructor(perSecond: number, burst: number, now = Date.now()) {
    this.#perMs = perSecond / 1000
    this.#burst = burst
    this.#tokens = burst
    this.#at = now
  }

  /** Takes one token; false when the bucket is empty (the message is over the rate). */
  take(now = Date.now()): boolean {
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs)
    this.#at = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }
}
