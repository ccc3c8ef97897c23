import { defineWebSocketService, WebSocketVariable } from '@tether/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { login, type RunningServer, startServer } from '../test-support/app-helpers.js'
import { waitFor } from '../test-support/realtime-helpers.js'
import { type FeedUpstream, startFeedUpstream } from './test-support/feed-upstream.js'

describe('a WebSocketVariable on a shared service, through a real server', () => {
  let upstream: FeedUpstream
  let server: RunningServer
  let variable: WebSocketVariable | undefined

  beforeAll(async () => {
    upstream = await startFeedUpstream()
    server = await startServer({ PROXY_ALLOW: `127.0.0.1:${upstream.port}` })
  })
  afterAll(async () => {
    variable?.dispose()
    await server?.close()
    await upstream?.close()
  })

  it('gets the feed, shows the upstream status, and resumes from the buffer after a drop with nothing twice', async () => {
    const cookie = await login(server.http, 'user1')
    // Node's client sends no cookie by itself; a browser sends the session cookie with the upgrade.
    class SessionWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie, origin: server.http } })
      }
    }
    const feed = new WebSocketVariable({
      name: 'prices',
      service: defineWebSocketService({ name: 'prices', url: upstream.url, useProxy: true, shared: true }),
      proxyUrl: `${server.ws}/api/proxy`,
      onNewData: 'addAsLast',
      dataLimit: 100,
      connectOnLoad: false,
      reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
      WebSocket: SessionWebSocket as never,
    })
    variable = feed
    const prices = () => (feed.dataSet as { price: number }[]).map((record) => record.price)
    await feed.open()
    await waitFor(() => feed.status.upstream?.state === 'open', 'the upstream status')
    for (let price = 1; price <= 3; price++) upstream.send(JSON.stringify({ price }))
    await waitFor(() => prices().length === 3, 'the first prices')

    // The viewer's own connection drops; the feed goes on without it.
    const reconnected = new Promise<void>((resolve) => server.app.websocketServer.once('connection', () => resolve()))
    for (const socket of server.app.websocketServer.clients) socket.terminate()
    await waitFor(() => feed.status.state !== 'open', 'the viewer to notice the drop')
    for (let price = 4; price <= 5; price++) upstream.send(JSON.stringify({ price }))
    await reconnected
    await waitFor(() => prices().length === 5, 'the prices missed while away, from the buffer')
    upstream.send(JSON.stringify({ price: 6 }))
    await waitFor(() => prices().length === 6, 'the live prices after the drop')
    expect(prices()).toEqual([1, 2, 3, 4, 5, 6])
    expect(feed.status.state).toBe('open')
    expect(feed.status.upstream?.state).toBe('open')
    expect(upstream.connections).toBe(1)
  })
})
