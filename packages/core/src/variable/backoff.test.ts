import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay, DEFAULT_RECONNECT, resolveReconnect } from './backoff.js'

describe('backoffDelay', () => {
  it('doubles from the initial delay up to the cap without jitter', () => {
    const policy = { ...DEFAULT_RECONNECT, jitter: 0 }
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, policy))).toEqual([500, 1000, 2000, 4000, 30_000])
  })

  it('jitter takes at most its fraction off, never exceeding the cap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (n, jitter, r) => {
          const policy = { ...DEFAULT_RECONNECT, jitter }
          const base = backoffDelay(n, { ...policy, jitter: 0 })
          const delay = backoffDelay(n, policy, () => r)
          expect(delay).toBeLessThanOrEqual(base)
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - jitter)))
        },
      ),
    )
  })

  it('resolves options: false turns reconnect off, undefined fields keep defaults', () => {
    expect(resolveReconnect(false)).toBeNull()
    expect(resolveReconnect({ initialDelayMs: 10, maxAttempts: undefined })).toEqual({
      ...DEFAULT_RECONNECT,
      initialDelayMs: 10,
    })
  })
})
