import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isTetherError } from '../errors.js'
import { disposeVariables, makeVariable } from './test-support/variables.js'
import { startTestServer, type TestServer, waitFor } from './test-support/ws-server.js'

let server: TestServer
beforeEach(async () => {
  server = await startTestServer({ onConnection: (socket) => socket.send('{"value":95}') })
})
afterEach(async () => {
  disposeVariables()
  await server.kill()
})

describe('WebSocketVariable: useProxy and relative service URLs', () => {
  it('useProxy connects to <proxyUrl>?url=<encoded service URL> (this server plays the proxy)', async () => {
    const seen: string[] = []
    const v = makeVariable(
      { name: 'chat', url: 'ws://127.0.0.1:9/chat?username=', useProxy: true },
      {
        proxyUrl: server.url('/api/proxy'),
        dataBinding: { username: 'ann lee' },
        onBeforeOpen: (_v, url) => void seen.push(url),
      },
    )
    await v.open()
    await waitFor(() => v.lastRecord !== null, 'a message through the proxy')
    const target = 'ws://127.0.0.1:9/chat?username=ann%20lee'
    expect(server.requests).toEqual([`/api/proxy?url=${encodeURIComponent(target)}`])
    expect(seen).toEqual([server.url(`/api/proxy?url=${encodeURIComponent(target)}`)])
    expect(v.lastRecord).toEqual({ value: 95 })
  })

  it('useProxy without proxyUrl: open() rejects with PROXY_NOT_CONFIGURED, state error, no retry, no socket', async () => {
    const errors: string[] = []
    const v = makeVariable(
      { name: 'chat', url: server.url('/chat'), useProxy: true },
      { onError: (_v, e) => void errors.push(e.code) },
    )
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_PROXY_NOT_CONFIGURED')).toBe(true)
    expect(v.status).toMatchObject({ state: 'error', lastError: { code: 'TETHER_PROXY_NOT_CONFIGURED' } })
    expect(errors).toEqual(['TETHER_PROXY_NOT_CONFIGURED'])
    expect(server.requests).toEqual([])
  })

  it('a relative service URL connects through baseUrl; bindings fill its params', async () => {
    const v = makeVariable(
      { name: 'heartrate', url: '/websocket/{kind}?user=' },
      { baseUrl: server.url('/'), dataBinding: { kind: 'heartrate', user: 'u1' } },
    )
    await v.open()
    expect(server.requests).toEqual(['/websocket/heartrate?user=u1'])
    expect(v.service.definition.url).toBe('/websocket/{kind}?user=') // the service as given is kept
  })

  it('a relative service URL without baseUrl fails on open with INVALID_URL (not retried)', async () => {
    const v = makeVariable({ name: 'heartrate', url: '/websocket/heartrate' })
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_INVALID_URL')).toBe(true)
    expect(v.status.state).toBe('error')
  })

  it('an invalid baseUrl or proxyUrl is refused at construction', () => {
    expect(() => makeVariable(server.url('/x'), { baseUrl: 'not a url' })).toThrow(/baseUrl/)
    expect(() => makeVariable(server.url('/x'), { proxyUrl: 'ftp://h/proxy' })).toThrow(/proxyUrl/)
  })
})
