import { describe, expect, it } from 'vitest'
import { isTetherError } from '../errors.js'
import { toAsyncApi } from '../schema/index.js'
import { defineWebSocketService } from '../service/index.js'
import { buildConnectUrl, resolveServiceBase, validateConnectOptions } from './connect-url.js'

const thrown = (fn: () => unknown): unknown => {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('buildConnectUrl', () => {
  const chat = defineWebSocketService({
    name: 'chat',
    url: 'ws://svc:9000/chat',
    queryParams: [{ name: 'username' }, { name: 'since' }],
  })

  it('a declared resume parameter goes through the bindings; an undeclared one is appended', () => {
    const resume = { param: 'since', value: 42 }
    expect(buildConnectUrl(chat, { username: 'ann', since: 1 }, { resume })).toBe(
      'ws://svc:9000/chat?username=ann&since=42',
    )
    const plain = defineWebSocketService({ name: 'plain', url: 'ws://svc/chat' })
    expect(buildConnectUrl(plain, {}, { resume })).toBe('ws://svc/chat?since=42')
    expect(buildConnectUrl(plain, {}, { resume: { param: 'after', value: 'a b&c' } })).toBe(
      'ws://svc/chat?after=a%20b%26c',
    )
  })

  it('useProxy: <proxyUrl>?url=<encoded built URL>, resume included in the target', () => {
    const proxied = defineWebSocketService({ ...chat.definition, useProxy: true })
    const url = buildConnectUrl(
      proxied,
      { username: 'a b' },
      {
        proxyUrl: 'ws://host:8080/api/proxy',
        resume: { param: 'since', value: 7 },
      },
    )
    expect(url).toBe(`ws://host:8080/api/proxy?url=${encodeURIComponent('ws://svc:9000/chat?username=a%20b&since=7')}`)
    expect(new URL(url).searchParams.get('url')).toBe('ws://svc:9000/chat?username=a%20b&since=7')
    // A proxy URL with its own query keeps it; http(s) maps to ws(s).
    expect(buildConnectUrl(proxied, {}, { proxyUrl: 'https://host/api/proxy?tenant=1' })).toBe(
      `wss://host/api/proxy?tenant=1&url=${encodeURIComponent('ws://svc:9000/chat')}`,
    )
  })

  it('useProxy without proxyUrl: PROXY_NOT_CONFIGURED telling what to pass', () => {
    const proxied = defineWebSocketService({ name: 's', url: 'ws://svc/x', useProxy: true })
    const error = thrown(() => buildConnectUrl(proxied, {}))
    expect(isTetherError(error, 'TETHER_PROXY_NOT_CONFIGURED')).toBe(true)
    expect((error as Error).message).toMatch(/pass proxyUrl/)
  })
})

describe('relative service URLs', () => {
  it('are valid service definitions that round-trip, with their params and an AsyncAPI document', () => {
    const service = defineWebSocketService({ name: 'rooms', url: '/websocket/rooms/{room}?username=' })
    expect(service.pathParams).toEqual([{ name: 'room' }])
    expect(service.queryParams).toEqual([{ name: 'username' }])
    expect(JSON.parse(JSON.stringify(service))).toEqual({ name: 'rooms', url: '/websocket/rooms/{room}?username=' })
    expect(() => toAsyncApi(service)).not.toThrow()
    // Protocol-relative and bare paths are still rejected.
    expect(isTetherError(thrown(() => defineWebSocketService({ name: 's', url: '//host/x' })))).toBe(true)
    expect(isTetherError(thrown(() => defineWebSocketService({ name: 's', url: 'websocket/x' })))).toBe(true)
    expect(isTetherError(thrown(() => defineWebSocketService({ name: 's', url: '/x/{room' })))).toBe(true)
  })

  it('resolve against the origin of baseUrl (path of baseUrl ignored, placeholders kept, http → ws)', () => {
    const service = defineWebSocketService({ name: 'rooms', url: '/websocket/rooms/{room}' })
    const resolved = resolveServiceBase(service, 'ws://localhost:8080/ignored/path')
    expect(resolved.definition.url).toBe('ws://localhost:8080/websocket/rooms/{room}')
    expect(resolved.buildUrl({ room: 'a b' })).toBe('ws://localhost:8080/websocket/rooms/a%20b')
    expect(resolveServiceBase(service, 'https://tether.example').definition.url).toBe(
      'wss://tether.example/websocket/rooms/{room}',
    )
    const absolute = defineWebSocketService({ name: 'abs', url: 'ws://other/x' })
    expect(resolveServiceBase(absolute, 'ws://localhost:8080')).toBe(absolute)
  })

  it('without a baseUrl, building the URL fails with INVALID_URL naming baseUrl', () => {
    const service = defineWebSocketService({ name: 'hr', url: '/websocket/heartrate' })
    const error = thrown(() => buildConnectUrl(resolveServiceBase(service, undefined), {}))
    expect(isTetherError(error, 'TETHER_INVALID_URL')).toBe(true)
    expect((error as Error).message).toMatch(/relative; give the variable a baseUrl/)
  })
})

describe('validateConnectOptions', () => {
  it('accepts ws, wss, http and https URLs and rejects anything else with its path', () => {
    expect(() => validateConnectOptions({ baseUrl: 'ws://h:1', proxyUrl: 'https://h/api/proxy' })).not.toThrow()
    const error = thrown(() => validateConnectOptions({ baseUrl: 'localhost:8080', proxyUrl: 'ftp://h' }))
    expect(isTetherError(error, 'TETHER_INVALID_VARIABLE_OPTIONS')).toBe(true)
    expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['baseUrl', 'proxyUrl'])
  })
})
