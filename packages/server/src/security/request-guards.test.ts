import { describe, expect, it } from 'vitest'
import { api, login, useTestServer } from '../test-support/app-helpers.js'

// Finding 9 of issue 12: the CSRF guard read the raw URL, the router the decoded one.
describe('CSRF guard and percent-encoded paths', () => {
  const server = useTestServer()

  it('refuses a foreign text/plain logout spelled /%61pi/auth/logout, and the session lives on', async () => {
    const cookie = await login(server.http, 'user1')
    for (const path of ['/%61pi/auth/logout', '/api/%61uth/logout', '/api/auth/logou%74']) {
      const response = await api(server.http, 'POST', path, {
        cookie,
        body: '',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      })
      expect({ path, status: response.status, code: response.body?.code }).toEqual({
        path,
        status: 403,
        code: 'TETHER_FORBIDDEN',
      })
      const sameOrigin = await api(server.http, 'POST', path, {
        cookie,
        body: '',
        headers: { 'content-type': 'text/plain' },
      })
      expect({ path, status: sameOrigin.status }).toEqual({ path, status: 415 })
    }
    expect((await api(server.http, 'GET', '/api/auth/me', { cookie })).body.name).toBe('user1')
  })
})
