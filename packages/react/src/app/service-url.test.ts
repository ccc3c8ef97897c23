import { trustedWebSocketService, WebSocketVariable } from '@tether/core'
import { describe, expect, it } from 'vitest'
import { pageFromHash, pageScriptUrl, prepareBrowserService, projectNameFromPath } from './service-url.js'

const http = { protocol: 'http:', host: 'localhost:8080' }
const https = { protocol: 'https:', host: 'tether.example' }

describe('browser service URLs', () => {
  it('resolves relative service URLs against the page, ws: or wss: matching its protocol', () => {
    expect(prepareBrowserService({ name: 's', url: '/websocket/heartrate' }, http)).toEqual({
      service: { name: 's', url: '/websocket/heartrate' },
      baseUrl: 'ws://localhost:8080',
    })
    expect(prepareBrowserService({ name: 's', url: '/x' }, https).baseUrl).toBe('wss://tether.example')
  })

  it('routes useProxy services through /api/proxy, naming the project and service for their secrets', () => {
    const prepared = prepareBrowserService({ name: 'ticker', url: 'ws://svc/chat', useProxy: true }, https, 'market')
    expect(prepared.proxyUrl).toBe('wss://tether.example/api/proxy?project=market&service=ticker')
    expect(prepared.service.url).toBe('ws://svc/chat')
    expect(prepareBrowserService({ name: 's', url: '/x' }, http).proxyUrl).toBeUndefined()
  })

  it('connects a useProxy variable to the proxy with the fully built target URL', async () => {
    const opened: string[] = []
    class Recorder {
      readyState = 0
      constructor(url: string) {
        opened.push(url)
      }
      close() {}
      addEventListener() {}
      removeEventListener() {}
    }
    const prepared = prepareBrowserService(
      { name: 'ticker', url: 'ws://svc/chat', useProxy: true, queryParams: [{ name: 'username' }] },
      http,
      'market',
    )
    const variable = new WebSocketVariable({
      service: trustedWebSocketService(prepared.service),
      name: 'v',
      connectOnLoad: false,
      dataBinding: { username: 'user 1' },
      baseUrl: prepared.baseUrl,
      proxyUrl: prepared.proxyUrl,
      WebSocket: Recorder as never,
      reconnect: false,
    })
    void variable.open().catch(() => {})
    await Promise.resolve()
    variable.dispose()
    expect(opened).toEqual([
      'ws://localhost:8080/api/proxy?project=market&service=ticker&url=ws%3A%2F%2Fsvc%2Fchat%3Fusername%3Duser%25201',
    ])
  })

  it('reads the project from /apps/<name>/ and the page from the hash', () => {
    expect(projectNameFromPath('/apps/chatroom/')).toBe('chatroom')
    expect(projectNameFromPath('/apps/heartrate')).toBe('heartrate')
    expect(projectNameFromPath('/other')).toBeNull()
    expect(pageFromHash('#/Main')).toBe('Main')
    expect(pageFromHash('')).toBeNull()
  })

  it('resolves a page script against the app root, whatever in-app path the document has', () => {
    const origin = 'http://localhost:8080'
    expect(pageScriptUrl('./scripts/main.js', { origin, pathname: '/apps/chatroom/' })).toBe(
      'http://localhost:8080/apps/chatroom/scripts/main.js',
    )
    expect(pageScriptUrl('scripts/a/b.mjs', { origin, pathname: '/apps/chatroom/some/route' })).toBe(
      'http://localhost:8080/apps/chatroom/scripts/a/b.mjs',
    )
    expect(pageScriptUrl('./scripts/main.js', { origin, pathname: '/dev/index.html' })).toBe(
      'http://localhost:8080/dev/scripts/main.js',
    )
  })
})
