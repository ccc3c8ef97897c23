import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, type RunningServer, sqliteTestDatabase, startServer } from '../test-support/app-helpers.js'
import { connectClient } from '../test-support/realtime-helpers.js'

// Security events are structured log lines (`securityEvent`), and never carry passwords or tokens.
describe('security events in the log', () => {
  const database = sqliteTestDatabase()
  const lines: Record<string, unknown>[] = []
  const raw: string[] = []
  let server: RunningServer

  beforeAll(async () => {
    const logStream = {
      write(line: string) {
        raw.push(line)
        lines.push(JSON.parse(line))
      },
    }
    server = await startServer({ ...database.env, LOG_LEVEL: 'info', LOGIN_MAX_ATTEMPTS: '2' }, undefined, {
      logStream,
    })
  })
  afterAll(async () => {
    await server?.close()
    await database.cleanup()
  })

  const events = (name: string) => lines.filter((line) => line.securityEvent === name)

  it('logs a failed login with the username and address, never the password', async () => {
    const password = 'Sup3r-Secret-Guess'
    const response = await api(server.http, 'POST', '/api/auth/login', { body: { username: 'user1', password } })
    expect(response.status).toBe(401)
    expect(events('login_failed')).toEqual([
      expect.objectContaining({ securityEvent: 'login_failed', username: 'user1', ip: '127.0.0.1' }),
    ])
    expect(raw.join('\n')).not.toContain(password)
  })

  it('logs throttling and a successful login, without the session token', async () => {
    await api(server.http, 'POST', '/api/auth/login', { body: { username: 'user1', password: 'wrong again' } })
    const throttled = await api(server.http, 'POST', '/api/auth/login', {
      body: { username: 'user1', password: 'user1' },
    })
    expect(throttled.status).toBe(429)
    expect(events('login_throttled')).toEqual([expect.objectContaining({ username: 'user1' })])

    const ok = await fetch(`${server.http}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'user2', password: 'user2' }),
    })
    expect(ok.status).toBe(200)
    expect(events('login_succeeded')).toEqual([expect.objectContaining({ username: 'user2' })])
    const token = /tether_session=([^;.]+)/.exec(ok.headers.getSetCookie().join(';'))?.[1] ?? ''
    expect(token.length).toBeGreaterThan(20)
    expect(raw.join('\n')).not.toContain(token)
    expect(raw.join('\n')).not.toContain('"password"')
  })

  it('logs a WebSocket refused for its Origin', async () => {
    const client = connectClient(`${server.ws}/websocket/chatroom`, { headers: { origin: 'https://evil.example' } })
    expect((await client.closedPromise).code).toBe(4403)
    expect(events('origin_refused')).toEqual([
      expect.objectContaining({ origin: 'https://evil.example', url: '/websocket/chatroom' }),
    ])
  })
})
