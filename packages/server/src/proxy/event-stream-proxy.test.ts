import {
  createServer,
  get,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTempProjects } from '../studio/test-support/temp-projects.js'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { waitFor } from '../test-support/realtime-helpers.js'

const FLOOD_BYTES = 48 * 1024 * 1024

/** A third-party SSE server: `/events` streams three events, other paths answer as their names say. */
async function startEventServer() {
  const requests: { url: string; headers: IncomingHttpHeaders }[] = []
  const open: ServerResponse[] = []
  let flood: ServerResponse | null = null
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push({ url: request.url ?? '', headers: request.headers })
    open.push(response)
    if (request.url === '/json') return response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    if (request.url === '/locked') return response.writeHead(401).end()
    if (request.url === '/missing') return response.writeHead(404).end()
    if (request.url === '/busy') return response.writeHead(503).end()
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    if (request.url === '/flood') {
      flood = response
      // Written without waiting for 'drain': what the proxy does not read piles up here, visibly.
      const chunk = `data: ${'x'.repeat(64 * 1024 - 8)}\n\n`
      for (let sent = 0; sent < FLOOD_BYTES; sent += chunk.length) response.write(chunk)
      return response.end()
    }
    const last = Number(request.headers['last-event-id'] ?? 0)
    for (let id = last + 1; id <= last + 3; id++) response.write(`id: ${id}\nevent: tick\ndata: {"n":${id}}\n\n`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    server,
    requests,
    open,
    flood: () => flood,
    port: (server.address() as AddressInfo).port,
  }
}

/** Reads an HTTP response until `done` says the text so far is enough. */
async function readUntil(response: Response, done: (text: string) => boolean): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (!done(text)) {
    const { value, done: ended } = await reader.read()
    if (ended) break
    text += decoder.decode(value, { stream: true })
  }
  await reader.cancel()
  return text
}

describe('/api/proxy without an upgrade: Server-Sent Events', () => {
  let events: Awaited<ReturnType<typeof startEventServer>>
  let user: string

  beforeAll(async () => {
    events = await startEventServer()
  })
  afterAll(async () => {
    for (const response of events?.open ?? []) response.destroy()
    events?.server.closeAllConnections()
    await new Promise((resolve) => events?.server.close(resolve))
  })
  const files = useTempProjects()
  const server = useTestServer({
    // Two streams at most: the limit test below fills them.
    env: () => ({ PROJECTS_DIR: files.projectsDir, PROXY_ALLOW: `127.0.0.1:${events.port}`, WS_MAX_CONNECTIONS: '2' }),
  })
  beforeAll(async () => {
    user = await login(server.http, 'user1')
  })

  const streamUrl = (target: string) => `${server.http}/api/proxy?url=${encodeURIComponent(target)}`

  it('streams the events with the browser’s Last-Event-ID, never its cookie', async () => {
    const response = await fetch(streamUrl(`http://127.0.0.1:${events.port}/events`), {
      headers: { cookie: user, 'last-event-id': '41' },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const text = await readUntil(response, (so) => so.includes('"n":44'))
    expect(text).toBe(
      [
        'id: 42\nevent: tick\ndata: {"n":42}',
        'id: 43\nevent: tick\ndata: {"n":43}',
        'id: 44\nevent: tick\ndata: {"n":44}',
      ]
        .map((event) => `${event}\n\n`)
        .join(''),
    )
    const upstream = events.requests.at(-1)
    expect(upstream?.headers['last-event-id']).toBe('41')
    expect(upstream?.headers.cookie).toBeUndefined()
    expect(upstream?.headers.host).toBe(`127.0.0.1:${events.port}`)
  })

  it('answers refusals as coded JSON with a matching status', async () => {
    const cases: [string, Record<string, string>, number, string][] = [
      [streamUrl(`http://127.0.0.1:${events.port}/events`), {}, 401, 'TETHER_UNAUTHENTICATED'],
      [streamUrl(`http://127.0.0.1:${events.port}/json`), { cookie: user }, 400, 'TETHER_PROTOCOL_ERROR'],
      [streamUrl(`http://127.0.0.1:${events.port}/missing`), { cookie: user }, 400, 'TETHER_CONNECT_FAILED'],
      [streamUrl(`http://127.0.0.1:${events.port}/busy`), { cookie: user }, 502, 'TETHER_CONNECT_FAILED'],
      [streamUrl(`http://127.0.0.1:${events.port}/locked`), { cookie: user }, 401, 'TETHER_AUTH_FAILED'],
      [streamUrl('http://127.0.0.1:9/events'), { cookie: user }, 403, 'TETHER_PROXY_FORBIDDEN'],
      [streamUrl('http://169.254.169.254/latest'), { cookie: user }, 403, 'TETHER_PROXY_FORBIDDEN'],
      [streamUrl(`ws://127.0.0.1:${events.port}/events`), { cookie: user }, 403, 'TETHER_PROXY_FORBIDDEN'],
      [`${server.http}/api/proxy`, { cookie: user }, 400, 'TETHER_INVALID_URL'],
      [
        streamUrl(`http://127.0.0.1:${events.port}/events`),
        { cookie: user, origin: 'https://evil.example' },
        403,
        'TETHER_FORBIDDEN',
      ],
    ]
    for (const [url, headers, status, code] of cases) {
      const response = await fetch(url, { headers })
      expect(response.status, url).toBe(status)
      expect((await response.json()).code, url).toBe(code)
    }
  })

  it('holds a fast upstream back to a slow reader instead of buffering it', async () => {
    const request = get(streamUrl(`http://127.0.0.1:${events.port}/flood`), { headers: { cookie: user } })
    const response = await new Promise<IncomingMessage>((resolve) => request.once('response', resolve))
    response.pause()
    // The proxy stops reading once the browser does not: the upstream's own unsent bytes pile up.
    await waitFor(
      () => (events.flood()?.writableLength ?? 0) > 16 * 1024 * 1024,
      'the upstream to be held back',
      60_000,
    )
    let received = 0
    response.on('data', (chunk: Buffer) => {
      received += chunk.length
    })
    response.resume()
    await new Promise((resolve) => response.once('end', resolve))
    expect(received).toBeGreaterThanOrEqual(FLOOD_BYTES)
  })

  it('ends the upstream request when the browser leaves', async () => {
    const controller = new AbortController()
    const response = await fetch(streamUrl(`http://127.0.0.1:${events.port}/events`), {
      headers: { cookie: user },
      signal: controller.signal,
    })
    await readUntil(response, (so) => so.includes('"n":3'))
    const upstream = events.open.at(-1) as ServerResponse
    controller.abort()
    await waitFor(() => upstream.destroyed || upstream.closed, 'the upstream request to end')
  })

  it('ends the stream, and its upstream request, when its session ends', async () => {
    const session = await login(server.http, 'user2')
    const response = await fetch(streamUrl(`http://127.0.0.1:${events.port}/events`), { headers: { cookie: session } })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    while (!text.includes('"n":3')) text += decoder.decode((await reader.read()).value, { stream: true })
    const upstream = events.open.at(-1) as ServerResponse

    const logout = await api(server.http, 'POST', '/api/auth/logout', {
      cookie: session,
      headers: { 'content-type': 'application/json' },
    })
    expect(logout.status).toBe(200)
    // The browser's read ends (cut off mid-stream) instead of waiting for more events forever;
    // without the session check this read never returns and the test times out.
    const ending = await reader.read().then(
      (result) => (result.done ? 'ended' : 'more events'),
      () => 'cut off',
    )
    expect(ending).not.toBe('more events')
    await waitFor(() => upstream.destroyed || upstream.closed, 'the upstream request to end')
  })

  it('refuses one stream more than WS_MAX_CONNECTIONS with 503 TETHER_BUSY', async () => {
    const url = streamUrl(`http://127.0.0.1:${events.port}/events`)
    const controllers = [new AbortController(), new AbortController()]
    for (const controller of controllers) {
      const open = await fetch(url, { headers: { cookie: user }, signal: controller.signal })
      expect(open.status).toBe(200)
    }
    const refused = await fetch(url, { headers: { cookie: user } })
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('5')
    expect((await refused.json()).code).toBe('TETHER_BUSY')
    for (const controller of controllers) controller.abort()
  })

  it('streams a saved sse service with its secret headers and its own headers', async () => {
    const admin = await login(server.http, 'admin')
    const created = await api(server.http, 'POST', '/api/studio/projects', { cookie: admin, body: { name: 'feeds' } })
    expect(created.status).toBe(201)
    const path = '/api/studio/projects/feeds/services/ticks'
    const definition = {
      name: 'ticks',
      url: `http://127.0.0.1:${events.port}/events`,
      protocol: 'sse',
      protocolOptions: { headers: { 'X-Feed': 'ticks' } },
      useProxy: true,
    }
    expect((await api(server.http, 'PUT', path, { cookie: admin, body: definition })).status).toBe(200)
    const secrets = { headers: { Authorization: 'Bearer sse-secret' } }
    expect((await api(server.http, 'PUT', `${path}/secrets`, { cookie: admin, body: secrets })).status).toBe(204)

    const response = await fetch(`${server.http}/api/proxy?project=feeds&service=ticks`, { headers: { cookie: user } })
    expect(response.status).toBe(200)
    expect(await readUntil(response, (so) => so.includes('"n":3'))).toContain('event: tick')
    expect(events.requests.at(-1)?.headers).toMatchObject({ authorization: 'Bearer sse-secret', 'x-feed': 'ticks' })

    // An sse service is not reachable as a WebSocket, nor a WebSocket service as an event stream.
    const stomp = { name: 'broker', url: `ws://127.0.0.1:${events.port}/ws`, protocol: 'stomp', useProxy: true }
    await api(server.http, 'PUT', '/api/studio/projects/feeds/services/broker', { cookie: admin, body: stomp })
    const wrong = await fetch(`${server.http}/api/proxy?project=feeds&service=broker`, { headers: { cookie: user } })
    expect(wrong.status).toBe(403)
    expect((await wrong.json()).message).toMatch(/"broker" is a stomp service: connect over a WebSocket/)
  })
})
