import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.js'
import { api, useTestServer } from '../test-support/app-helpers.js'

// Finding 3 of issue 12: with TRUST_PROXY=true every hop was trusted, so a client's own
// X-Forwarded-For chose its address and escaped the login throttle.

const guess = (base: string, forwardedFor: string) =>
  api(base, 'POST', '/api/auth/login', {
    body: { username: 'user1', password: 'wrong' },
    headers: { 'x-forwarded-for': forwardedFor },
  })

describe('TRUST_PROXY=true trusts exactly one hop', () => {
  const server = useTestServer({ env: { TRUST_PROXY: 'true', LOGIN_MAX_ATTEMPTS: '2' } })

  it('a client cannot choose its address for the login throttle with X-Forwarded-For', async () => {
    // The proxy (here: the test, on loopback) appends the client's real address last; a client's own
    // entries come before it and change with every try.
    const statuses: number[] = []
    for (let i = 1; i <= 4; i++) statuses.push((await guess(server.http, `6.6.6.${i}, 10.0.0.1`)).status)
    expect(statuses).toEqual([401, 401, 429, 429])
  })

  it('reads the client address the nearest proxy appended', async () => {
    const other = await guess(server.http, '6.6.6.6, 10.0.0.2')
    expect(other.status).toBe(401) // a different client (10.0.0.2): its own count
  })
})

describe('TRUST_PROXY as a list of proxy addresses', () => {
  const server = useTestServer({ env: { TRUST_PROXY: '127.0.0.1, 10.0.0.0/8', LOGIN_MAX_ATTEMPTS: '2' } })

  it('skips trusted proxies from the right and stops at the first untrusted address', async () => {
    // 10.0.0.1 is a trusted proxy, so the client is 9.9.9.9 whatever it puts before that.
    const statuses: number[] = []
    for (let i = 1; i <= 3; i++) statuses.push((await guess(server.http, `6.6.6.${i}, 9.9.9.9, 10.0.0.1`)).status)
    expect(statuses).toEqual([401, 401, 429])
  })
})

describe('TRUST_PROXY values', () => {
  const read = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy
  it('reads off, true as one hop, hop counts and address lists; refuses anything else', () => {
    expect(read('')).toBe(false)
    expect(read('false')).toBe(false)
    expect(read('0')).toBe(false)
    expect(read('true')).toBe(1)
    expect(read('2')).toBe(2)
    expect(read('10.0.0.1, 10.1.0.0/16, ::1, fd00::/8')).toEqual(['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8'])
    for (const bad of ['proxy.example', '10.0.0.0/33', '10.0.0.1/8/1', '101'])
      expect(() => read(bad)).toThrow(expect.objectContaining({ code: 'TETHER_INVALID_CONFIG' }))
  })
})
