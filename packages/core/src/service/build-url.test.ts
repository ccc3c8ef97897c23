import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError } from '../errors.js'
import { buildServiceUrl } from './build-url.js'
import { defineWebSocketService } from './define.js'

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

describe('buildUrl', () => {
  it('builds the seed services’ URLs', () => {
    const heartrate = defineWebSocketService({ name: 'heartrate', url: 'ws://localhost:8080/websocket/heartrate' })
    expect(heartrate.buildUrl()).toBe('ws://localhost:8080/websocket/heartrate')
    const chat = defineWebSocketService({ name: 'chatroom', url: 'ws://localhost:8080/websocket/chatroom?username=' })
    expect(chat.buildUrl({ username: 'user1' })).toBe('ws://localhost:8080/websocket/chatroom?username=user1')
    expect(chat.buildUrl({})).toBe('ws://localhost:8080/websocket/chatroom')
  })

  it('encodes path and query values and merges the template query with declared params', () => {
    const service = defineWebSocketService({
      name: 'rooms',
      url: 'wss://example.com/rooms/{room}/feed?format=json',
      queryParams: [{ name: 'user name' }, { name: 'limit', default: '10' }],
    })
    expect(service.buildUrl({ room: 'a/b c?#', 'user name': 'Zoë & co', limit: 5 })).toBe(
      'wss://example.com/rooms/a%2Fb%20c%3F%23/feed?user%20name=Zo%C3%AB%20%26%20co&limit=5&format=json',
    )
    expect(service.buildUrl({ room: 'x', format: 'xml' })).toBe('wss://example.com/rooms/x/feed?limit=10&format=xml')
  })

  it('skips empty, undefined and null values and applies defaults instead', () => {
    const service = defineWebSocketService({
      name: 's',
      url: 'ws://h/{room}',
      pathParams: [{ name: 'room', default: 'lobby' }],
      queryParams: [{ name: 'a' }, { name: 'b' }, { name: 'c', default: 'dc' }, { name: 'd' }],
    })
    expect(service.buildUrl({ room: '', a: '', b: null, c: undefined, d: 0 })).toBe('ws://h/lobby?c=dc&d=0')
    expect(service.buildUrl({ room: 'r', d: false })).toBe('ws://h/r?c=dc&d=false')
  })

  it('reports every missing required param in one error', () => {
    const service = defineWebSocketService({
      name: 's',
      url: 'ws://h/{room}/{floor}',
      queryParams: [{ name: 'user', required: true }, { name: 'token', required: true, default: 't' }, { name: 'x' }],
    })
    const error = thrown(() => service.buildUrl({ floor: '2', user: '' }))
    expect(isTetherError(error, ErrorCodes.MISSING_REQUIRED_PARAMS)).toBe(true)
    expect((error as Error).message).toBe('Required field(s) missing: room, user')
    expect((error as { details: unknown }).details).toEqual([
      { path: 'room', message: expect.any(String) },
      { path: 'user', message: expect.any(String) },
    ])
  })

  it('refuses values that would become . or .. path segments, and invalid templates', () => {
    const service = defineWebSocketService({ name: 's', url: 'ws://h/files/{name}/{ext}' })
    expect(
      isTetherError(
        thrown(() => service.buildUrl({ name: '..', ext: 'x' })),
        ErrorCodes.INVALID_URL,
      ),
    ).toBe(true)
    expect(service.buildUrl({ name: '...', ext: '.x' })).toBe('ws://h/files/.../.x')
    const error = thrown(() => buildServiceUrl({ name: 's', url: 'https://h/x' }, {}))
    expect(isTetherError(error, ErrorCodes.INVALID_URL)).toBe(true)
  })

  it('decodes back to the exact values for arbitrary unicode path and query values', () => {
    const service = defineWebSocketService({
      name: 's',
      url: 'ws://127.0.0.1:9/a/{first}/b-{second}?fixed=1',
      queryParams: [{ name: 'q' }, { name: 'ünï cødé' }],
    })
    const value = fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => s !== '.' && s !== '..')
    fc.assert(
      fc.property(value, value, value, value, (first, second, q, other) => {
        const url = new URL(service.buildUrl({ first, second, q, 'ünï cødé': other }))
        const segments = url.pathname.split('/').map(decodeURIComponent)
        expect(segments).toEqual(['', 'a', first, `b-${second}`])
        expect(url.searchParams.get('q')).toBe(q)
        expect(url.searchParams.get('ünï cødé')).toBe(other)
        expect(url.searchParams.get('fixed')).toBe('1')
      }),
    )
  })

  it('replaces lone surrogates (which cannot be encoded) with U+FFFD instead of throwing', () => {
    const service = defineWebSocketService({ name: 's', url: 'ws://h/{p}', queryParams: [{ name: 'q' }] })
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), (text) => {
        fc.pre(text.toWellFormed() !== '.' && text.toWellFormed() !== '..')
        const url = new URL(service.buildUrl({ p: text, q: text }))
        expect(decodeURIComponent(url.pathname.slice(1))).toBe(text.toWellFormed())
        expect(url.searchParams.get('q')).toBe(text.toWellFormed())
      }),
    )
  })
})
