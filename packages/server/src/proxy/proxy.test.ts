import type { AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { WebSocketServer } from 'ws'
import { login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'

const BUFFER_CAP = 64 * 1024

/** A test target: echoes frames as they came (text as text, binary as binary); `close:<code>:<reason>` closes. */
async function startEcho(): Promise<{
  wss: WebSocketServer
  port: number
  sockets: WebSocket[]
  closes: { code: number; reason: string }[]
}> {
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: (protocols) => (protocols.has('chat.v2') ? 'chat.v2' : false),
  })
  const sockets: WebSocket[] = []
  const closes: { code: number; reason: string }[] = []
  wss.on('connection', (socket) => {
    sockets.push(socket)
    socket.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }))
    socket.on('message', (data: Buffer, isBinary) => {
      const text = isBinary ? '' : data.toString()
      const command = /^close:(\d+):(.*)$/.exec(text)
      if (command) socket.close(Number(command[1]), command[2])
      else if (text === 'drop') socket.terminate()
      else socket.send(data, { binary: isBinary })
    })
  })
  await new Promise((resolve) => wss.once('listening', resolve))
  return { wss, port: (wss.address() as AddressInfo).port, sockets, closes }
}

describe('/api/proxy', () => {
  let allowed: Awaited<ReturnType<typeof startEcho>>
  let notAllowed: Awaited<ReturnType<typeof startEcho>>
  let silent: Server
  let silentPort: number
  let cookie: string

  beforeAll(async () => {
    allowed = await startEcho()
    notAllowed = await startEcho()
    // Accepts TCP connections but never answers the upgrade: the connect timeout must fire.
    silent = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    silentPort = (silent.address() as AddressInfo).port
  })
  afterAll(async () => {
    for (const echo of [allowed, notAllowed]) {
      for (const socket of echo?.wss.clients ?? []) socket.terminate()
      await new Promise((resolve) => echo?.wss.close(resolve))
    }
    silent?.close()
  })
  const server = useTestServer({
    env: () => ({
      PROXY_ALLOW: `127.0.0.1:${allowed.port},127.0.0.1:${silentPort}`,
      PROXY_CONNECT_TIMEOUT_MS: '300',
      WS_MAX_BUFFERED_BYTES: String(BUFFER_CAP),
    }),
  })
  beforeAll(async () => {
    cookie = await login(server.http, 'user1')
  })

  function proxy(
    target: string,
    options: { protocols?: string[]; headers?: Record<string, string>; anonymous?: boolean } = {},
  ): RecordingClient {
    const headers = { ...(options.anonymous ? {} : { cookie }), ...options.headers }
    const url = `${server.ws}/api/proxy?url=${encodeURIComponent(target)}`
    return connectClient(url, { headers, ...(options.protocols ? { protocols: options.protocols } : {}) })
  }

  it('relays text and binary both ways with the subprotocol the target chose', async () => {
    const client = proxy(`ws://127.0.0.1:${allowed.port}/feed`, { protocols: ['chat.v1', 'chat.v2'] })
    await client.opened
    expect(client.ws.protocol).toBe('chat.v2')
    client.ws.send('hello')
    client.ws.send(Buffer.from([0, 1, 2, 255]))
    await waitFor(() => client.frames.length === 2, 'both echoes')
    expect(client.frames[0]).toEqual({ data: Buffer.from('hello'), isBinary: false })
    expect(client.frames[1]).toEqual({ data: Buffer.from([0, 1, 2, 255]), isBinary: true })
    client.ws.close()
  })

  it('answers without a subprotocol when the target picked none', async () => {
    const client = proxy(`ws://127.0.0.1:${allowed.port}/`)
    await client.opened
    expect(client.ws.protocol).toBe('')
    client.ws.close()
  })

  it('relays close codes and reasons both ways', async () => {
    const closedByTarget = proxy(`ws://127.0.0.1:${allowed.port}/`)
    await closedByTarget.opened
    closedByTarget.ws.send('close:4123:target says bye')
    expect(await closedByTarget.closedPromise).toEqual({ code: 4123, reason: 'target says bye' })

    const before = allowed.closes.length
    const closedByClient = proxy(`ws://127.0.0.1:${allowed.port}/`)
    await closedByClient.opened
    closedByClient.ws.close(4001, 'client leaves')
    await waitFor(() => allowed.closes.length > before, 'the target to see the close')
    expect(allowed.closes.at(-1)).toEqual({ code: 4001, reason: 'client leaves' })
  })

  it('turns an abnormal upstream loss (1006) into 1011', async () => {
    const client = proxy(`ws://127.0.0.1:${allowed.port}/`)
    await client.opened
    client.ws.send('drop')
    const closed = await client.closedPromise
    expect(closed.code).toBe(1011)
    expect(closed.reason).toMatch(/upstream/)
  })

  it('proxies this server itself (PROXY_ALLOW_SELF defaults to true), but not its own proxy', async () => {
    const port = new URL(server.http).port
    const echo = proxy(`ws://127.0.0.1:${port}/websocket/echo`)
    await echo.opened
    echo.ws.send('self')
    await waitFor(() => echo.frames.length === 1, 'the echo')
    expect(echo.frames[0]?.data.toString()).toBe('self')
    echo.ws.close()

    const loop = proxy(`ws://127.0.0.1:${port}/api/proxy?url=ws://127.0.0.1:${allowed.port}/`)
    const closed = await loop.closedPromise
    expect(closed.code).toBe(4403)
    expect(closed.reason).toMatch(/^TETHER_PROXY_FORBIDDEN: /)
  })

  it.each([
    ['loopback', () => `ws://127.0.0.1:${notAllowed.port}/`, /loopback/],
    ['loopback by name', () => `ws://localhost:${notAllowed.port}/`, /loopback/],
    ['IPv6 loopback', () => `ws://[::1]:${notAllowed.port}/`, /loopback/],
    ['IPv4-mapped loopback', () => `ws://[::ffff:127.0.0.1]:${notAllowed.port}/`, /loopback/],
    ['private', () => 'ws://10.1.2.3:8080/', /private address \(10\.0\.0\.0\/8\)/],
    ['link-local', () => 'ws://169.254.169.254/latest', /link-local/],
    ['not a WebSocket URL', () => 'http://127.0.0.1/', /only ws:\/\/ and wss:\/\//],
    ['a file URL', () => 'file:///etc/passwd', /only ws:\/\/ and wss:\/\//],
  ])('refuses a %s target with 4403 before connecting', async (_name, target, rule) => {
    const connectionsBefore = notAllowed.sockets.length
    const client = proxy(target())
    const closed = await client.closedPromise
    expect(closed.code).toBe(4403)
    expect(closed.reason).toMatch(/^TETHER_PROXY_FORBIDDEN: /)
    expect(closed.reason).toMatch(rule)
    expect(notAllowed.sockets.length).toBe(connectionsBefore)
  })

  it('refuses a missing or malformed url with 1008', async () => {
    for (const query of ['', '?url=', '?url=not%20a%20url']) {
      const client = connectClient(`${server.ws}/api/proxy${query}`, { headers: { cookie } })
      const closed = await client.closedPromise
      expect(closed.code, query).toBe(1008)
      expect(closed.reason).toMatch(/^TETHER_INVALID_URL: /)
    }
  })

  it('needs a session (4401) and an allowed origin (4403)', async () => {
    const anonymous = proxy(`ws://127.0.0.1:${allowed.port}/`, { anonymous: true })
    const unauthenticated = await anonymous.closedPromise
    expect(unauthenticated.code).toBe(4401)
    expect(unauthenticated.reason).toMatch(/Log in first/)

    const foreign = proxy(`ws://127.0.0.1:${allowed.port}/`, { headers: { origin: 'https://evil.example' } })
    expect((await foreign.closedPromise).code).toBe(4403)
  })

  it('closes with 1014 when the target does not answer within the connect timeout', async () => {
    const client = proxy(`ws://127.0.0.1:${silentPort}/`)
    const closed = await client.closedPromise
    expect(closed.code).toBe(1014)
    expect(closed.reason).toMatch(/^TETHER_CONNECT_FAILED: /)
  })

  it('slows a fast target down to a slow reader instead of buffering without bound', async () => {
    const client = proxy(`ws://127.0.0.1:${allowed.port}/`)
    await client.opened
    await waitFor(() => server.app.websocketServer.clients.size > 0, 'the proxy socket')
    const target = allowed.sockets.at(-1) as WebSocket
    const rawSocket = (client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket
    rawSocket.pause()

    const chunk = Buffer.alloc(16 * 1024, 7)
    const total = 2_000
    let maxProxyBuffered = 0
    const proxySockets = [...server.app.websocketServer.clients]
    const watcher = setInterval(() => {
      for (const socket of proxySockets) maxProxyBuffered = Math.max(maxProxyBuffered, socket.bufferedAmount)
    }, 2)
    try {
      for (let i = 0; i < total; i++) target.send(chunk)
      // The target's own queue grows once the proxy stops reading it: the backpressure reached it.
      await waitFor(() => target.bufferedAmount > 4 * BUFFER_CAP, 'the target to be held back', 30_000)
      rawSocket.resume()
      await waitFor(() => client.frames.length === total, 'every frame', 60_000)
    } finally {
      clearInterval(watcher)
    }
    // Reading stops once the cap is passed; frames already read from the socket (one read is at most
    // 64 KiB) still go out, so the bound is the cap plus one read, whatever the target sends in total.
    expect(maxProxyBuffered).toBeLessThanOrEqual(BUFFER_CAP + 64 * 1024 + chunk.length)
    expect(client.frames.every((f) => f.isBinary && f.data.length === chunk.length)).toBe(true)
    client.ws.close()
  })
})
