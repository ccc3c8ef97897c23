import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, waitFor } from '../test-support/realtime-helpers.js'
import { useTempProjects } from './test-support/temp-projects.js'

/** A WebSocket server that records each upgrade's URL and headers and greets with `hello`. */
async function recordingServer() {
  const upgrades: { url: string; headers: IncomingHttpHeaders }[] = []
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  wss.on('connection', (socket, request) => {
    upgrades.push({ url: request.url ?? '', headers: request.headers })
    socket.send('hello')
  })
  await new Promise((resolve) => wss.once('listening', resolve))
  return { wss, upgrades, port: (wss.address() as AddressInfo).port }
}

describe('/api/proxy?project=&service= (saved services with server-side secrets)', () => {
  let allowed: Awaited<ReturnType<typeof recordingServer>>
  let notAllowed: Awaited<ReturnType<typeof recordingServer>>
  let admin: string
  let user: string

  beforeAll(async () => {
    allowed = await recordingServer()
    notAllowed = await recordingServer()
  })
  afterAll(async () => {
    for (const target of [allowed, notAllowed]) {
      for (const socket of target?.wss.clients ?? []) socket.terminate()
      await new Promise((resolve) => target?.wss.close(resolve))
    }
  })
  const files = useTempProjects()
  const server = useTestServer({
    env: () => ({ PROJECTS_DIR: files.projectsDir, PROXY_ALLOW: `127.0.0.1:${allowed.port}` }),
  })

  beforeAll(async () => {
    admin = await login(server.http, 'admin')
    user = await login(server.http, 'user1')
    const save = async (name: string, url: string) => {
      const body = {
        name,
        url,
        queryParams: [
          { name: 'room', required: true },
          { name: 'format', default: 'json' },
        ],
      }
      const path = `/api/studio/projects/chatroom/services/${name}`
      expect((await api(server.http, 'PUT', path, { cookie: admin, body })).status).toBe(200)
    }
    await save('ticker', `ws://127.0.0.1:${allowed.port}/feed/{market}`)
    await save('internal', `ws://127.0.0.1:${notAllowed.port}/feed`)
    const secrets = { headers: { Authorization: 'Bearer server-only', 'X-Api-Key': 'k-123' } }
    for (const name of ['ticker', 'internal']) {
      const path = `/api/studio/projects/chatroom/services/${name}/secrets`
      expect((await api(server.http, 'PUT', path, { cookie: admin, body: secrets })).status).toBe(204)
    }
  })

  const proxy = (query: string, cookie = user) =>
    connectClient(`${server.ws}/api/proxy?${query}`, { headers: { cookie } })

  it('connects to the saved URL with its params and adds the secret headers (for any signed-in user)', async () => {
    const client = proxy('project=chatroom&service=ticker&param.market=eu%20west&param.room=r1')
    await waitFor(() => client.messages.length === 1, 'the greeting through the proxy')
    expect(client.messages).toEqual(['hello'])
    const upgrade = allowed.upgrades.at(-1)
    expect(upgrade?.url).toBe('/feed/eu%20west?room=r1&format=json')
    expect(upgrade?.headers.authorization).toBe('Bearer server-only')
    expect(upgrade?.headers['x-api-key']).toBe('k-123')
    client.ws.close()
  })

  it('accepts a URL the runtime built, with secrets, only when it is an address of the saved service', async () => {
    const built = `ws://127.0.0.1:${allowed.port}/feed/asia?room=r2&since=41`
    const client = proxy(`project=chatroom&service=ticker&url=${encodeURIComponent(built)}`)
    await waitFor(() => client.messages.length === 1, 'the greeting through the proxy')
    expect(allowed.upgrades.at(-1)?.url).toBe('/feed/asia?room=r2&since=41')
    expect(allowed.upgrades.at(-1)?.headers.authorization).toBe('Bearer server-only')
    client.ws.close()

    const upgradesBefore = allowed.upgrades.length
    for (const elsewhere of [
      `ws://127.0.0.1:${allowed.port}/other/asia`,
      `ws://127.0.0.1:${allowed.port}/feed/a/b`,
      `ws://127.0.0.1:${notAllowed.port}/feed/asia`,
    ]) {
      const closed = await proxy(`project=chatroom&service=ticker&url=${encodeURIComponent(elsewhere)}`).closedPromise
      expect(closed.code).toBe(1008)
      expect(closed.reason).toMatch(
        /^TETHER_PROXY_FORBIDDEN: service "ticker" is at ws:\/\/127\.0\.0\.1:\d+\/feed\/\{market\}, not/,
      )
    }
    expect(allowed.upgrades.length).toBe(upgradesBefore)
  })

  it('takes only the path and query of a relative saved service from the runtime-built URL', async () => {
    const built = 'ws://somewhere-else.example:1/websocket/heartrate'
    const client = proxy(`project=heartrate&service=heartrateservice&url=${encodeURIComponent(built)}`)
    await waitFor(() => client.messages.length >= 1, 'a heartrate reading', 15_000)
    expect(client.messages[0]).toMatchObject({ time: expect.any(Number), value: expect.any(Number) })
    client.ws.close()
    const wrongPath = encodeURIComponent('ws://localhost/websocket/echo')
    const closed = await proxy(`project=heartrate&service=heartrateservice&url=${wrongPath}`).closedPromise
    expect(closed.reason).toMatch(
      /^TETHER_PROXY_FORBIDDEN: service "heartrateservice" is at \/websocket\/heartrate, not/,
    )
  })

  it('does not add secrets to a plain ?url= connection', async () => {
    const client = proxy(`url=${encodeURIComponent(`ws://127.0.0.1:${allowed.port}/plain`)}`)
    await waitFor(() => client.messages.length === 1, 'the greeting')
    expect(allowed.upgrades.at(-1)?.url).toBe('/plain')
    expect(allowed.upgrades.at(-1)?.headers.authorization).toBeUndefined()
    client.ws.close()
  })

  it('keeps the SSRF guard for the resolved URL', async () => {
    const client = proxy('project=chatroom&service=internal&param.room=r1')
    const closed = await client.closedPromise
    expect(closed.code).toBe(4403)
    expect(closed.reason).toMatch(/^TETHER_PROXY_FORBIDDEN: .*loopback/)
    expect(notAllowed.upgrades).toEqual([])
  })

  it('proxies a saved service with a relative URL to this server', async () => {
    const client = proxy('project=heartrate&service=heartrateservice')
    await waitFor(() => client.messages.length >= 1, 'a heartrate reading', 15_000)
    expect(client.messages[0]).toMatchObject({ time: expect.any(Number), value: expect.any(Number) })
    client.ws.close()
  })

  it.each([
    ['an unknown service', 'project=chatroom&service=nothere', 1008, /^TETHER_NOT_FOUND: .*no service named "nothere"/],
    [
      'a missing required param',
      'project=chatroom&service=ticker&param.market=x',
      1008,
      /^TETHER_MISSING_REQUIRED_PARAMS: .*room/,
    ],
    ['a name that is no identifier', 'project=..&service=ticker', 1008, /^TETHER_VALIDATION_FAILED: /],
  ])('refuses %s with a close reason', async (_what, query, code, reason) => {
    const closed = await proxy(query).closedPromise
    expect(closed.code).toBe(code)
    expect(closed.reason).toMatch(reason)
  })

  it('needs a session', async () => {
    const closed = await proxy('project=chatroom&service=ticker&param.room=r1', '').closedPromise
    expect(closed.code).toBe(4401)
  })
})
