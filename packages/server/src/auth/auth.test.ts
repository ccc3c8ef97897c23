import { describe, expect, it } from 'vitest'
import { api, login, sessionCookie, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, waitFor } from '../test-support/realtime-helpers.js'
import { readSessionUser } from './index.js'

describe('auth', () => {
  const server = useTestServer({
    env: { LOGIN_MAX_ATTEMPTS: '3' },
    setup: (app) => {
      // A test-only WebSocket route: readSessionUser must work on upgrade requests (the chat relies on it).
      app.get('/test/whoami', { websocket: true }, async (socket, request) => {
        socket.send(JSON.stringify(await readSessionUser(request)))
      })
    },
  })

  it('me without a session says not authenticated (200)', async () => {
    const me = await api(server.http, 'GET', '/api/auth/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual({
      isAuthenticated: false,
      isSecurityEnabled: true,
      name: null,
      id: null,
      roles: [],
      tenantId: null,
      userAttributes: {},
    })
  })

  it('login sets a signed HttpOnly SameSite=Lax cookie; me and logout follow the session', async () => {
    const response = await fetch(`${server.http}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'user1', password: 'user1' }),
    })
    expect(response.status).toBe(200)
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('tether_session='))!
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).not.toMatch(/Secure/i) // plain http here; Secure is set for https requests
    const loggedIn = await response.json()
    expect(loggedIn).toMatchObject({
      isAuthenticated: true,
      isSecurityEnabled: true,
      name: 'user1',
      roles: ['user'],
      tenantId: 1,
      userAttributes: { firstname: 'Olivia', lastname: 'Carter', picurl: '/pictures/user1.svg' },
    })
    expect(typeof loggedIn.id).toBe('number')

    const cookie = sessionCookie(response)
    const me = await api(server.http, 'GET', '/api/auth/me', { cookie })
    expect(me.body).toEqual(loggedIn)

    const logout = await api(server.http, 'POST', '/api/auth/logout', {
      cookie,
      headers: { 'content-type': 'application/json' },
    })
    expect(logout.status).toBe(200)
    expect(logout.headers.getSetCookie().join()).toMatch(/tether_session=;/)
    // The old cookie is dead on the server too, not just cleared in the browser.
    const after = await api(server.http, 'GET', '/api/auth/me', { cookie })
    expect(after.body.isAuthenticated).toBe(false)
  })

  it('a tampered cookie is ignored', async () => {
    const cookie = await login(server.http, 'user2')
    const tampered = `${cookie.slice(0, -3)}abc`
    const me = await api(server.http, 'GET', '/api/auth/me', { cookie: tampered })
    expect(me.body.isAuthenticated).toBe(false)
  })

  it('a wrong password and an unknown user get the same 401', async () => {
    const wrong = await api(server.http, 'POST', '/api/auth/login', { body: { username: 'user3', password: 'nope' } })
    const unknown = await api(server.http, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'x' } })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toEqual({ code: 'TETHER_INVALID_CREDENTIALS', message: 'Username or password is incorrect.' })
    expect(unknown.status).toBe(401)
    expect(unknown.body).toEqual(wrong.body)
    expect(wrong.headers.getSetCookie()).toEqual([])
  })

  it('sample employees without a password cannot log in', async () => {
    const response = await api(server.http, 'POST', '/api/auth/login', { body: { username: 'eric', password: 'eric' } })
    expect(response.status).toBe(401)
  })

  it('refuses an invalid login body with paths', async () => {
    const response = await api(server.http, 'POST', '/api/auth/login', { body: { username: '', extra: 1 } })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('TETHER_VALIDATION_FAILED')
    const paths = response.body.details.map((d: { path: string }) => d.path).sort()
    expect(paths).toEqual(['body.extra', 'body.password', 'body.username'])
  })

  it('rate limits failed logins per client and username, then lets the right user in again later', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await api(server.http, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'wrong' } })
      expect(r.status).toBe(401)
    }
    const limited = await api(server.http, 'POST', '/api/auth/login', {
      body: { username: 'admin', password: 'admin' },
    })
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('TETHER_RATE_LIMITED')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another username from the same client is not blocked by admin's failures.
    expect(
      (await api(server.http, 'POST', '/api/auth/login', { body: { username: 'user3', password: 'user3' } })).status,
    ).toBe(200)
  })

  it('refuses state-changing requests that are not JSON or come from a foreign origin', async () => {
    const form = await api(server.http, 'POST', '/api/auth/login', {
      body: 'username=user1&password=user1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(415)
    expect(form.body.code).toBe('TETHER_UNSUPPORTED_MEDIA_TYPE')
    const text = await api(server.http, 'POST', '/api/auth/login', {
      body: '{"username":"user1","password":"user1"}',
      headers: { 'content-type': 'text/plain' },
    })
    expect(text.status).toBe(415)
    const foreign = await api(server.http, 'POST', '/api/auth/login', {
      body: { username: 'user1', password: 'user1' },
      headers: { origin: 'https://evil.example' },
    })
    expect(foreign.status).toBe(403)
    expect(foreign.body.code).toBe('TETHER_FORBIDDEN')
    const same = await api(server.http, 'POST', '/api/auth/login', {
      body: { username: 'user1', password: 'user1' },
      headers: { origin: server.http },
    })
    expect(same.status).toBe(200)
  })

  it('readSessionUser works on WebSocket upgrade requests', async () => {
    const cookie = await login(server.http, 'user2')
    const anonymous = connectClient(`${server.ws}/test/whoami`)
    const authenticated = connectClient(`${server.ws}/test/whoami`, { headers: { cookie } })
    await waitFor(() => anonymous.messages.length > 0 && authenticated.messages.length > 0, 'whoami answers')
    expect(anonymous.messages[0]).toBeNull()
    expect(authenticated.messages[0]).toMatchObject({ username: 'user2', roles: ['user'], tenantId: 1 })
    expect(typeof (authenticated.messages[0] as { id: unknown }).id).toBe('number')
    anonymous.ws.close()
    authenticated.ws.close()
  })
})
