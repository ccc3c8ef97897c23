import type { AddressInfo } from 'node:net'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'

// WS_MAX_CONNECTIONS counts every WebSocket route together; the one over the cap is accepted and then
// closed with 1013 and a reason, and the log hears of it at most once a minute.
describe('WS_MAX_CONNECTIONS', () => {
  const server = useTestServer({
    env: { WS_MAX_CONNECTIONS: '3', PROXY_ALLOW_PUBLIC: 'false', PROXY_ALLOW: '127.0.0.1' },
  })
  let cookie = ''
  const open: RecordingClient[] = []
  const connect = (path: string) => {
    const client = connectClient(`${server.ws}${path}`, { headers: { cookie } })
    open.push(client)
    return client
  }

  beforeAll(async () => {
    cookie = await login(server.http, 'user1')
  })
  afterEach(async () => {
    for (const client of open.splice(0)) client.ws.close()
    await waitFor(() => server.app.websocketServer.clients.size === 0, 'every socket to close')
  })

  it('accepts up to the cap across routes, then closes the next with 1013 without running its route', async () => {
    const warn = vi.spyOn(server.app.log, 'warn')
    const heartrate = connect('/websocket/heartrate')
    const echo = connect('/websocket/echo')
    const chat = connect('/websocket/chatroom?room=cap')
    await Promise.all([heartrate.opened, echo.opened, chat.opened])
    chat.ws.send('hello')
    await waitFor(() => chat.messages.length === 1, 'the chat member to be served')

    const refused = connect('/websocket/echo')
    await refused.opened // accepted first, so a browser sees the code and the reason
    refused.ws.send('anyone there?')
    const closed = await refused.closedPromise
    expect(closed).toEqual({ code: 1013, reason: 'Server is full (WS_MAX_CONNECTIONS=3): try again later' })
    // The echo route never saw it: nothing came back.
    expect(refused.messages).toEqual([])

    // Counted across routes: a chat join over the cap is refused the same way.
    const refusedChat = connect('/websocket/chatroom?room=cap')
    expect((await refusedChat.closedPromise).code).toBe(1013)

    // One warning for both refusals (at most one a minute), naming the variable.
    const warnings = warn.mock.calls.map(([message]) => String(message)).filter((m) => m.includes('server full'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('WS_MAX_CONNECTIONS=3')
    warn.mockRestore()

    // The members already in are untouched.
    for (const client of [heartrate, echo, chat]) expect(client.ws.readyState).toBe(WebSocket.OPEN)
    echo.ws.send('still here')
    await waitFor(() => echo.messages.includes('still here'), 'the echo')
  })

  it('refuses a proxy connection over the cap without opening its upstream connection', async () => {
    const target = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise((resolve) => target.once('listening', resolve))
    let upstreamConnections = 0
    target.on('connection', () => upstreamConnections++)
    try {
      const full = [connect('/websocket/echo'), connect('/websocket/echo'), connect('/websocket/heartrate')]
      await Promise.all(full.map((client) => client.opened))
      const port = (target.address() as AddressInfo).port
      // This server's own proxy allows its own services only; the target is listed by the test server's env.
      const proxied = connect(`/api/proxy?url=${encodeURIComponent(`ws://127.0.0.1:${port}/`)}`)
      expect((await proxied.closedPromise).code).toBe(1013)
      expect(upstreamConnections).toBe(0)
    } finally {
      await new Promise((resolve) => target.close(resolve))
    }
  })

  it('admits again once a connection has closed', async () => {
    const first = [connect('/websocket/echo'), connect('/websocket/echo'), connect('/websocket/heartrate')]
    await Promise.all(first.map((client) => client.opened))
    const over = connect('/websocket/echo')
    expect((await over.closedPromise).code).toBe(1013)

    first[0]?.ws.close()
    await waitFor(() => server.app.websocketServer.clients.size === 2, 'the closed socket to be forgotten')
    const next = connect('/websocket/echo')
    await next.opened
    next.ws.send('back in')
    await waitFor(() => next.messages.includes('back in'), 'the echo of the new connection')
    expect(next.closed).toBeNull()
  })
})

// An anonymous client must not exhaust the server: a cap per client address, and room kept for users
// with a session. Other client addresses are other loopback addresses (127.0.0.2…).
describe('WS_MAX_CONNECTIONS_PER_CLIENT and WS_RESERVED_FOR_SIGNED_IN', () => {
  const server = useTestServer({
    env: { WS_MAX_CONNECTIONS: '6', WS_MAX_CONNECTIONS_PER_CLIENT: '3', WS_RESERVED_FOR_SIGNED_IN: '2' },
  })
  let cookie = ''
  const open: RecordingClient[] = []
  const connect = (from: string, signedIn = false) => {
    const headers = signedIn ? { cookie } : {}
    const client = connectClient(`${server.ws}/websocket/echo`, { headers, localAddress: from })
    open.push(client)
    return client
  }

  beforeAll(async () => {
    cookie = await login(server.http, 'user2')
  })
  afterEach(async () => {
    for (const client of open.splice(0)) client.ws.close()
    await waitFor(() => server.app.websocketServer.clients.size === 0, 'every socket to close')
  })

  it('refuses one client address over its cap with 1013, and logs it', async () => {
    const warn = vi.spyOn(server.app.log, 'warn')
    const mine = [connect('127.0.0.2'), connect('127.0.0.2'), connect('127.0.0.2')]
    await Promise.all(mine.map((c) => c.opened))
    const over = connect('127.0.0.2')
    expect(await over.closedPromise).toEqual({
      code: 1013,
      reason: 'Too many connections from your address (WS_MAX_CONNECTIONS_PER_CLIENT=3)',
    })
    // Another address is not affected.
    const other = connect('127.0.0.3')
    await other.opened
    other.ws.send('hi')
    await waitFor(() => other.messages.includes('hi'), 'the echo from another address')
    expect(warn.mock.calls.map(([m]) => String(m)).some((m) => m.includes('WS_MAX_CONNECTIONS_PER_CLIENT=3'))).toBe(
      true,
    )
    warn.mockRestore()
  })

  it('keeps the reserved connections for signed-in clients', async () => {
    // Four anonymous connections (6 less 2 reserved) from two addresses fill the anonymous share.
    const anonymous = ['127.0.0.4', '127.0.0.4', '127.0.0.5', '127.0.0.5'].map((from) => connect(from))
    await Promise.all(anonymous.map((c) => c.opened))
    const refused = connect('127.0.0.6')
    expect(await refused.closedPromise).toEqual({
      code: 1013,
      reason: 'Server is full for anonymous connections (WS_RESERVED_FOR_SIGNED_IN=2): log in or try later',
    })
    // A signed-in client still gets in, twice, and then the server is full for everyone.
    const users = [connect('127.0.0.7', true), connect('127.0.0.7', true)]
    await Promise.all(users.map((c) => c.opened))
    const full = connect('127.0.0.8', true)
    expect((await full.closedPromise).reason).toBe('Server is full (WS_MAX_CONNECTIONS=6): try again later')
    for (const c of [...anonymous, ...users]) expect(c.closed).toBeNull()
  })
})
