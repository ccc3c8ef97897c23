import { afterEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { encodeFeedError, encodeFeedMessage, encodeFeedStatus } from '../feed/index.js'
import { disposeVariables, makeVariable } from './test-support/variables.js'
import { startTestServer, type TestServer, waitFor } from './test-support/ws-server.js'

let server: TestServer | undefined
afterEach(async () => {
  disposeVariables()
  await server?.kill()
})

const prices = (proxy: string) =>
  makeVariable(
    { name: 'prices', url: 'wss://feed.example/prices?pair=', useProxy: true, shared: true },
    {
      proxyUrl: proxy,
      dataBinding: { pair: 'BTC', RequestBody: { subscribe: 'BTC' } },
      onNewData: 'addAsLast',
      dataLimit: 10,
      reconnect: { initialDelayMs: 10, maxDelayMs: 20 },
    },
  )

describe('WebSocketVariable: a shared service (the server holds one upstream for every viewer)', () => {
  it('unwraps feed messages once each, in sequence, and shows the upstream status apart from its own', async () => {
    server = await startTestServer({
      onConnection: (socket: WebSocket) => {
        socket.send(encodeFeedStatus({ state: 'open', attempts: 0 }))
        socket.send(encodeFeedMessage(1, '{"price":1}'))
        socket.send(encodeFeedMessage(2, '{"price":2}'))
        socket.send(encodeFeedMessage(2, '{"price":2}')) // a duplicate is dropped
        socket.send(encodeFeedStatus({ state: 'reconnecting', attempts: 3 }))
      },
    })
    const v = prices(server.url('/api/proxy'))
    await v.open()
    await waitFor(() => v.status.upstream?.state === 'reconnecting', 'the upstream status')
    expect(v.dataSet).toEqual([{ price: 1 }, { price: 2 }])
    expect(v.status).toMatchObject({ state: 'open', upstream: { state: 'reconnecting', attempts: 3 } })
    // The RequestBody goes on the proxy URL for the server to send upstream; nothing is sent on the socket.
    const target = encodeURIComponent('wss://feed.example/prices?pair=BTC')
    const body = encodeURIComponent('{"subscribe":"BTC"}')
    expect(server.requests).toEqual([`/api/proxy?url=${target}&shared=1&body=${body}`])
    expect(server.received).toEqual([])
  })

  it('resumes after a drop with since=<last sequence number>, on the proxy URL', async () => {
    let connection = 0
    server = await startTestServer({
      onConnection: (socket: WebSocket) => {
        connection++
        if (connection === 1) {
          socket.send(encodeFeedMessage(41, '{"price":41}'))
          socket.send(encodeFeedMessage(42, '{"price":42}'))
          setTimeout(() => socket.terminate(), 20)
        } else {
          socket.send(encodeFeedMessage(42, '{"price":42}'))
          socket.send(encodeFeedMessage(43, '{"price":43}'))
        }
      },
    })
    const v = prices(server.url('/api/proxy'))
    await v.open()
    await waitFor(() => (v.dataSet as unknown[]).length === 3, 'the message after the drop', 10_000)
    expect(v.dataSet).toEqual([{ price: 41 }, { price: 42 }, { price: 43 }])
    expect(server.requests[1]).toContain('&since=42')
    expect(server.requests[1]?.split('url=')[1]?.split('&')[0]).toBe(
      encodeURIComponent('wss://feed.example/prices?pair=BTC'),
    )
  })

  it('refuses sends with TETHER_FEED_READ_ONLY, and reports the server refusal with its code', async () => {
    server = await startTestServer({
      onConnection: (socket: WebSocket) =>
        socket.send(encodeFeedError('TETHER_FEED_READ_ONLY', 'viewers only receive')),
    })
    const errors: string[] = []
    const v = makeVariable(
      { name: 'prices', url: 'wss://feed.example/prices', useProxy: true, shared: { bufferMessages: 5 } },
      { proxyUrl: server.url('/api/proxy'), onError: (_v, e) => void errors.push(`${e.code} ${e.message}`) },
    )
    await v.open()
    await waitFor(() => errors.length === 1, 'the server refusal')
    v.send('hello')
    expect(errors).toEqual([
      'TETHER_FEED_READ_ONLY viewers only receive',
      expect.stringMatching(/^TETHER_FEED_READ_ONLY .*shared/),
    ])
    expect(server.received).toEqual([])
  })
})
