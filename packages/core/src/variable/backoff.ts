/** How a variable retries after a failed or lost connection. */
export interface ReconnectOptions {
  /** Delay before the first retry. Defaults to 500 ms. */
  initialDelayMs?: number
  /** Upper bound of any delay. Defaults to 30,000 ms. */
  maxDelayMs?: number
  /** Each failed attempt multiplies the delay by this. Defaults to 2. */
  factor?: number
  /** Fraction (0–1) of the delay that is randomised, so many clients do not retry in lockstep. Defaults to 0.5. */
  jitter?: number
  /** Consecutive failed attempts after which the variable gives up (state `error`). Defaults to Infinity. */
  maxAttempts?: number
  /**
   * How long a connection must stay open before the attempt count (and so the backoff) starts again
   * from zero. A server that accepts and then closes at once is a failure to back off from, not a
   * success to retry at full speed. Defaults to 5,000 ms.
   */
  minUptimeMs?: number
}

export type ResolvedReconnect = Required<ReconnectOptions>

export const DEFAULT_RECONNECT: ResolvedReconnect = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
  minUptimeMs: 5_000,
})

export function resolveReconnect(options: false | ReconnectOptions | undefined): ResolvedReconnect | null {
  if (options === false) return null
  return {
    ...DEFAULT_RECONNECT,
    ...Object.fromEntries(Object.entries(options ?? {}).filter(([, v]) => v !== undefined)),
  }
}

/**
 * The wait before retry number `failedAttempts` (1 = after the first failure): exponential, capped, then
 * reduced by up to `jitter` of itself at random ("equal jitter": never 0, never above the cap).
 *
 * @example
 * backoffDelay(3, { ...DEFAULT_RECONNECT, jitter: 0 }) // 2000
 */
export function backoffDelay(
  failedAttempts: number,
  options: ResolvedReconnect,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, failedAttempts - 1)
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * options.factor ** exponent)
  const jitter = Math.min(1, Math.max(0, options.jitter))
  return Math.round(base * (1 - jitter * random()))
}
