import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './login-throttle.js'

describe('LoginThrottle', () => {
  it('blocks a key after maxAttempts failures until its window ends', () => {
    const throttle = new LoginThrottle({ maxAttempts: 2, windowMs: 1000 })
    expect(throttle.retryAfterMs('k', 2, 0)).toBe(0)
    throttle.recordAttempt('k', 0)
    expect(throttle.retryAfterMs('k', 2, 10)).toBe(0)
    throttle.recordAttempt('k', 10)
    expect(throttle.retryAfterMs('k', 2, 100)).toBe(900)
    expect(throttle.retryAfterMs('k', 2, 1000)).toBe(0)
  })

  it('clears a key on success and keeps at most maxKeys keys', () => {
    let full = 0
    const throttle = new LoginThrottle({ maxAttempts: 1, windowMs: 1000, maxKeys: 3, onFull: () => full++ })
    throttle.recordAttempt('a', 0)
    throttle.clear('a')
    expect(throttle.retryAfterMs('a', 1, 1)).toBe(0)
    for (const key of ['a', 'b', 'c', 'd', 'e']) throttle.recordAttempt(key, 5)
    expect(throttle.size).toBe(3)
    expect(full).toBe(2) // reported for 'd' and 'e', each of which forgot one key
    expect(throttle.retryAfterMs('a', 1, 6)).toBe(0) // the oldest were forgotten
    expect(throttle.retryAfterMs('e', 1, 6)).toBeGreaterThan(0)
  })
})
