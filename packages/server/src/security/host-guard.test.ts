import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { useTestServer } from '../test-support/app-helpers.js'

// Finding 4 of issue 12 (DNS rebinding): a request naming a host this server does not answer to is
// refused before any route runs, however well its Origin matches that host.

interface Answer {
  status: number
  body: { code?: string; message?: string }
  setCookie: string[]
}

/** An HTTP request with a chosen Host header (fetch does not let a caller set one). */
function send(
  base: string,
  path: string,
  host: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Answer> {
  const url = new URL(path, base)
  const body = init.body === undefined ? undefined : JSON.stringify(init.body)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: {
          host,
          ...(body ? { 'content-type': 'application/json', origin: `http://${host}` } : {}),
        },
      },
      (res) => {
        let text = ''
        res.on('data', (chunk) => {
          text += chunk
        })
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text || '{}'),
            setCookie: res.headers['set-cookie'] ?? [],
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('Host allow-list (ALLOWED_HOSTS)', () => {
  const server = useTestServer({ env: { ALLOWED_HOSTS: 'tether.example.com' } })
  const port = () => new URL(server.http).port

  it('refuses a login naming a foreign host, even with a matching Origin, and sets no cookie', async () => {
    const answer = await send(server.http, '/api/auth/login', `rebind.evil.example:${port()}`, {
      method: 'POST',
      body: { username: 'user1', password: 'user1' },
    })
    expect(answer.status).toBe(400)
    expect(answer.body.code).toBe('TETHER_HOST_NOT_ALLOWED')
    expect(answer.body.message).toContain('ALLOWED_HOSTS')
    expect(answer.setCookie).toEqual([])
  })

  it('refuses pages and WebSocket upgrades naming a foreign host', async () => {
    expect((await send(server.http, '/', `rebind.evil.example:${port()}`)).status).toBe(400)
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.ws}/websocket/echo`, { headers: { host: `rebind.evil.example:${port()}` } })
      ws.on('unexpected-response', (req, res) => {
        req.destroy()
        resolve(res.statusCode ?? 0)
      })
      ws.on('open', () => resolve(101))
      ws.on('error', () => {})
    })
    expect(status).toBe(400)
  })

  it('serves loopback names, the listed host and the machine’s addresses', async () => {
    for (const host of [
      `localhost:${port()}`,
      `127.0.0.1:${port()}`,
      `[::1]:${port()}`,
      'tether.example.com',
      'TETHER.example.com:443',
    ]) {
      const answer = await send(server.http, '/api/auth/me', host)
      expect({ host, status: answer.status }).toEqual({ host, status: 200 })
    }
  })
})

describe('ALLOWED_HOSTS=*', () => {
  const server = useTestServer({ env: { ALLOWED_HOSTS: '*' } })
  it('answers any host', async () => {
    expect((await send(server.http, '/api/auth/me', 'anything.example')).status).toBe(200)
  })
})
