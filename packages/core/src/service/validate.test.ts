import { describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError, type TetherError } from '../errors.js'
import { defineWebSocketService } from './define.js'

function problemsOf(input: unknown): TetherError {
  try {
    defineWebSocketService(input as never)
  } catch (error) {
    if (isTetherError(error, ErrorCodes.INVALID_SERVICE_DEFINITION)) return error
    throw error
  }
  throw new Error('expected the definition to be rejected')
}

const paths = (error: TetherError) => error.details.map((d) => d.path)

describe('service definition validation', () => {
  it('accepts the seed services', () => {
    const heartrate = defineWebSocketService({ name: 'heartrate', url: 'ws://localhost:8080/websocket/heartrate' })
    expect(heartrate.name).toBe('heartrate')
    expect(heartrate.queryParams).toEqual([])
    const chat = defineWebSocketService({ name: 'chatroom', url: 'ws://localhost:8080/websocket/chatroom?username=' })
    expect(chat.queryParams).toEqual([{ name: 'username' }])
  })

  it('reports every problem at once, each with its path', () => {
    const error = problemsOf({
      name: '1chat',
      url: 'ws://host/rooms/{room}',
      queryParams: [{ name: 'username' }, { name: '', required: 'yes' }, { name: 'username' }],
      pathParams: [{ name: 'room' }, { name: 'floor' }],
      subprotocols: ['graphql-ws', 'bad token', 'graphql-ws'],
      useProxy: 'no',
      samples: { responses: [{ ok: 1 }, { bad: Number.NaN }] },
      colour: 'red',
    })
    expect(error.code).toBe('TETHER_INVALID_SERVICE_DEFINITION')
    expect(paths(error).sort()).toEqual(
      [
        'name',
        'queryParams[1].name',
        'queryParams[1].required',
        'queryParams[2].name',
        'pathParams[1].name',
        'subprotocols[1]',
        'subprotocols[2]',
        'useProxy',
        'samples.responses[1].bad',
        'colour',
      ].sort(),
    )
    expect(error.message).toContain("queryParams[2].name: Duplicate name 'username'")
    expect(error.message).toContain('10 problems')
  })

  it('rejects http(s) URLs and tells the user to use ws:// or wss://', () => {
    for (const url of ['http://host/chat', 'https://host/chat']) {
      const error = problemsOf({ name: 'chat', url })
      expect(error.details).toHaveLength(1)
      expect(error.details[0]?.path).toBe('url')
      expect(error.details[0]?.message).toMatch(/use ws:\/\/ or wss:\/\//)
    }
    expect(problemsOf({ name: 'chat', url: 'ftp://host' }).details[0]?.message).toMatch(/ws:\/\/ or wss:\/\//)
    expect(problemsOf({ name: 'chat', url: 'localhost:8080/chat' }).details[0]?.path).toBe('url')
  })

  it('checks URL templates: placeholders only in the path, identifiers, balanced, no fragment, a host', () => {
    expect(paths(problemsOf({ name: 's', url: 'ws://{host}/x' }))).toEqual(['url'])
    expect(problemsOf({ name: 's', url: 'ws://h/x?room={room}' }).message).toMatch(/only allowed in the path/)
    expect(problemsOf({ name: 's', url: 'ws://h/{room id}' }).message).toMatch(/must be an identifier/)
    expect(problemsOf({ name: 's', url: 'ws://h/{room' }).message).toMatch(/unmatched/)
    expect(problemsOf({ name: 's', url: 'ws://h/x#top' }).message).toMatch(/fragment/)
    expect(problemsOf({ name: 's', url: 'ws:///x' }).message).toMatch(/no host/)
    expect(problemsOf({ name: 's', url: 'ws://h:99999/x' }).message).toMatch(/Not a valid URL/)
  })

  it('requires declared path params to match the placeholders exactly', () => {
    const error = problemsOf({ name: 's', url: 'ws://h/{a}/{b}', pathParams: [{ name: 'a' }, { name: 'c' }] })
    expect(error.details).toEqual([
      { path: 'pathParams[1].name', message: expect.stringContaining('no {c} placeholder') },
      { path: 'pathParams', message: expect.stringContaining('Placeholder {b}') },
    ])
    const derived = defineWebSocketService({ name: 's', url: 'ws://h/{a}/x/{b}/{a}' })
    expect(derived.pathParams).toEqual([{ name: 'a' }, { name: 'b' }])
    expect(derived.definition.pathParams).toBeUndefined()
  })

  it('rejects a query param that clashes with a path param or the RequestBody binding', () => {
    const error = problemsOf({
      name: 's',
      url: 'ws://h/{room}',
      queryParams: [{ name: 'room' }, { name: 'RequestBody' }],
    })
    expect(paths(error)).toEqual(['queryParams[0].name', 'queryParams[1].name'])
  })

  it('reports malformed JSON text with the same code and a clear message', () => {
    const error = problemsOf('{"name": "chat", "url": ')
    expect(error.message).toMatch(/not valid JSON/)
    expect(error.details).toHaveLength(1)
  })

  it('accepts the JSON text of a service file', () => {
    const service = defineWebSocketService(
      '{"name":"chat","url":"wss://h/c","subprotocols":["v1.chat"],"useProxy":true}',
    )
    expect(service.definition).toEqual({ name: 'chat', url: 'wss://h/c', subprotocols: ['v1.chat'], useProxy: true })
  })

  it('rejects non-objects, missing fields and non-JSON samples and schemas', () => {
    expect(paths(problemsOf(null))).toEqual([''])
    expect(paths(problemsOf([]))).toEqual([''])
    expect(paths(problemsOf({})).sort()).toEqual(['name', 'url'])
    const cyclic: Record<string, unknown> = { type: 'object' }
    cyclic.self = cyclic
    const error = problemsOf({ name: 's', url: 'ws://h', schema: cyclic, samples: { responses: [1n] } })
    expect(paths(error).sort()).toEqual(['samples.responses[0]', 'schema.self.self'])
    expect(paths(problemsOf({ name: 's', url: 'ws://h', samples: {} }))).toEqual(['samples.responses'])
  })
})
