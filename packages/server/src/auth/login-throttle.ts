/**
 * Counts login attempts per key (client IP + username, and client IP alone) in fixed windows. An
 * attempt is counted when it starts, before the password is checked, so simultaneous guesses cannot
 * all slip through before the first failure is recorded. Memory is bounded: at most `maxKeys` keys
 * are tracked and the oldest is forgotten first. A successful login clears (or forgives) its keys, so
 * a user who mistypes once is not held back.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; windowStart: number }>()

  constructor(
    private readonly options: {
      /** Failures allowed per key and window. */
      maxAttempts: number
      windowMs: number
      /** Keys tracked at most. Defaults to 10 000. */
      maxKeys?: number
      /** Called when a key had to be forgotten to make room (the bound was reached). */
      onFull?: () => void
    },
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string, limit: number, now = Date.now()): number {
    const entry = this.failures.get(key)
    if (!entry) return 0
    const windowEnd = entry.windowStart + this.options.windowMs
    if (now >= windowEnd) {
      this.failures.delete(key)
      return 0
    }
    return entry.count >= limit ? windowEnd - now : 0
  }

  /** Counts an attempt for `key` (call it before the password check, in the same tick as `retryAfterMs`). */
  recordAttempt(key: string, now = Date.now()): void {
    const entry = this.failures.get(key)
    if (entry && now < entry.windowStart + this.options.windowMs) {
      entry.count += 1
      return
    }
    this.failures.delete(key)
    const maxKeys = this.options.maxKeys ?? 10_000
    // Maps iterate in insertion order, so the first key is the oldest window.
    if (this.failures.size >= maxKeys) this.options.onFull?.()
    while (this.failures.size >= maxKeys) {
      const oldest = this.failures.keys().next()
      if (oldest.done) break
      this.failures.delete(oldest.value)
    }
    this.failures.set(key, { count: 1, windowStart: now })
  }

  /** Takes back one attempt of `key` (a login that turned out right). */
  forgive(key: string): void {
    const entry = this.failures.get(key)
    if (!entry) return
    entry.count -= 1
    if (entry.count <= 0) this.failures.delete(key)
  }

  clear(key: string): void {
    this.failures.delete(key)
  }

  get size(): number {
    return this.failures.size
  }
}
