import { describe, expect, it } from 'vitest'
import { api, useTestServer } from '../test-support/app-helpers.js'

// Finding 1 of issue 12: the throttle must count an attempt before the password is hashed, so a burst
// of simultaneous guesses gets no more tries than a slow sequence of them.
describe('login throttle under a concurrent burst', () => {
  const server = useTestServer({ env: { LOGIN_MAX_ATTEMPTS: '5', LOGIN_QUEUE_MAX: '1000' } })

  it('lets at most LOGIN_MAX_ATTEMPTS of 60 simultaneous guesses reach the password check', async () => {
    const burst = Array.from({ length: 60 }, (_, i) =>
      api(server.http, 'POST', '/api/auth/login', {
        body: { username: 'user1', password: i === 50 ? 'user1' : `guess-${i}` },
      }),
    )
    const responses = await Promise.all(burst)
    const checked = responses.filter((r) => r.status !== 429)
    expect(checked.length).toBeLessThanOrEqual(5)
    for (const r of responses.filter((r) => r.status === 429)) expect(r.body.code).toBe('TETHER_RATE_LIMITED')
    // The right password, sent after the limit was used up, is refused like the guesses around it.
    if (responses[50]?.status === 200) expect(checked).toContain(responses[50])
    else expect(responses[50]?.status).toBe(429)
  })
})

describe('password checks at once (LOGIN_CONCURRENT_CHECKS, LOGIN_QUEUE_MAX)', () => {
  const server = useTestServer({
    env: { LOGIN_MAX_ATTEMPTS: '1000', LOGIN_CONCURRENT_CHECKS: '1', LOGIN_QUEUE_MAX: '2' },
  })

  it('refuses logins beyond the running and waiting checks with 503 TETHER_BUSY, and serves later ones', async () => {
    // Distinct usernames: only the queue's bound can refuse these, not the throttle.
    const burst = Array.from({ length: 40 }, (_, i) =>
      api(server.http, 'POST', '/api/auth/login', { body: { username: `nobody${i}`, password: 'x' } }),
    )
    const responses = await Promise.all(burst)
    const busy = responses.filter((r) => r.status === 503)
    expect(busy.length).toBeGreaterThan(0)
    for (const r of busy) {
      expect(r.body.code).toBe('TETHER_BUSY')
      expect(r.headers.get('retry-after')).toBe('1')
    }
    // At most one running and two waiting could be checked out of a burst this size arriving together.
    expect(responses.every((r) => r.status === 503 || r.status === 401)).toBe(true)
    // The queue drains: the next login is served.
    expect(
      (await api(server.http, 'POST', '/api/auth/login', { body: { username: 'user2', password: 'user2' } })).status,
    ).toBe(200)
  })
})
