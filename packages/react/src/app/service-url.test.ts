import { describe, expect, it } from 'vitest'
import {
  pageFromHash,
  pageScriptUrl,
  prepareBrowserService,
  projectNameFromPath,
  proxyUrl,
  resolveServiceUrl,
} from './service-url.js'

const http = { protocol: 'http:', host: 'localhost:8080' }
const https = { protocol: 'https:', host: 'tether.example' }

describe('browser service URLs', () => {
  it('resolves relative service URLs against the page, ws: or wss: matching its protocol', () => {
    expect(resolveServiceUrl('/websocket/heartrate', http)).toBe('ws://localhost:8080/websocket/heartrate')
    expect(resolveServiceUrl('/websocket/heartrate', https)).toBe('wss://tether.example/websocket/heartrate')
    expect(resolveServiceUrl('wss://other/x', http)).toBe('wss://other/x')
  })

  it('routes useProxy services through /api/proxy with the fully built target URL', () => {
    expect(proxyUrl('ws://svc:9000/chat?username=a b', https)).toBe(
      'wss://tether.example/api/proxy?url=ws%3A%2F%2Fsvc%3A9000%2Fchat%3Fusername%3Da%20b',
    )
    const opened: string[] = []
    class Recorder {
      constructor(url: string) {
        opened.push(url)
      }
    }
    const prepared = prepareBrowserService(
      { name: 's', url: 'ws://svc/chat', useProxy: true },
      http,
      Recorder as unknown as typeof WebSocket,
    )
    expect(prepared.service.url).toBe('ws://svc/chat')
    new prepared.WebSocket!('ws://svc/chat?username=user1')
    expect(opened).toEqual(['ws://localhost:8080/api/proxy?url=ws%3A%2F%2Fsvc%2Fchat%3Fusername%3Duser1'])
    expect(prepareBrowserService({ name: 's', url: '/x' }, http).WebSocket).toBeUndefined()
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
