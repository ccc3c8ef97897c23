import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defineWebSocketService } from './define.js'
import { serializeServiceDefinition } from './serialize.js'
import type { WebSocketServiceDefinition } from './types.js'

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/)
const token = fc.stringMatching(/^[a-z0-9][a-z0-9.+-]{0,10}$/)
const text = fc.string({ unit: 'grapheme', maxLength: 20 })
// JSON has no -0: a sample read from a file never holds one.
const jsonSample = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown)

/** Valid definitions of every shape: placeholders, declared or derived path params, all optional fields. */
export const validDefinition: fc.Arbitrary<WebSocketServiceDefinition> = fc
  .record({
    name: identifier,
    secure: fc.boolean(),
    host: fc.constantFrom('localhost', 'example.com', '127.0.0.1:8080', '[::1]:9000'),
    segments: fc.array(
      fc.oneof(
        fc.stringMatching(/^[a-z0-9-]{1,8}$/),
        identifier.map((n) => `{${n}}`),
      ),
      {
        maxLength: 4,
      },
    ),
    declarePathParams: fc.boolean(),
    pathDefaults: fc.array(fc.option(text, { nil: undefined }), { minLength: 4, maxLength: 4 }),
    queryParams: fc.option(
      fc.uniqueArray(
        fc.record(
          {
            name: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/),
            required: fc.boolean(),
            default: text,
            description: text,
          },
          { requiredKeys: ['name'], noNullPrototype: true },
        ),
        { selector: (p) => p.name, maxLength: 4 },
      ),
      { nil: undefined },
    ),
    description: fc.option(text, { nil: undefined }),
    requestBody: fc.option(fc.string(), { nil: undefined }),
    subprotocols: fc.option(fc.uniqueArray(token, { maxLength: 3 }), { nil: undefined }),
    useProxy: fc.option(fc.boolean(), { nil: undefined }),
    payload: fc.option(
      fc.constantFrom<Pick<WebSocketServiceDefinition, 'payloadFormat' | 'protobuf'>>(
        { payloadFormat: 'json' },
        { payloadFormat: 'msgpack' },
        { payloadFormat: 'cbor' },
        {
          payloadFormat: 'protobuf',
          protobuf: { proto: 'syntax = "proto3"; message A { int32 a = 1; }', messageType: 'A' },
        },
      ),
      { nil: undefined },
    ),
    samples: fc.option(
      fc.record(
        { request: fc.string(), responses: fc.array(jsonSample, { maxLength: 3 }) },
        { requiredKeys: ['responses'], noNullPrototype: true },
      ),
      { nil: undefined },
    ),
    schema: fc.option(fc.dictionary(fc.string(), jsonSample, { maxKeys: 3, noNullPrototype: true }), {
      nil: undefined,
    }),
  })
  .map((g) => {
    const placeholders = [...new Set(g.segments.filter((s) => s.startsWith('{')).map((s) => s.slice(1, -1)))]
    const definition: WebSocketServiceDefinition = {
      name: g.name,
      url: `${g.secure ? 'wss' : 'ws'}://${g.host}/${g.segments.join('/')}`,
    }
    if (g.description !== undefined) definition.description = g.description
    const queryParams = g.queryParams?.filter((p) => !placeholders.includes(p.name))
    if (queryParams !== undefined) definition.queryParams = queryParams
    if (g.declarePathParams) {
      definition.pathParams = placeholders.map((name, i) => {
        const fallback = g.pathDefaults[i]
        return fallback === undefined ? { name } : { name, default: fallback }
      })
    }
    if (g.requestBody !== undefined) definition.requestBody = g.requestBody
    if (g.subprotocols !== undefined) definition.subprotocols = g.subprotocols
    if (g.useProxy !== undefined) definition.useProxy = g.useProxy
    if (g.payload !== undefined) Object.assign(definition, g.payload)
    if (g.samples !== undefined) definition.samples = g.samples
    if (g.schema !== undefined) definition.schema = g.schema
    return definition
  })

describe('defineWebSocketService', () => {
  it('round-trips every valid definition through JSON unchanged', () => {
    fc.assert(
      fc.property(validDefinition, (definition) => {
        const service = defineWebSocketService(definition)
        expect(JSON.parse(JSON.stringify(service))).toStrictEqual(definition)
        expect(defineWebSocketService(JSON.stringify(service)).definition).toStrictEqual(definition)
      }),
    )
  })

  it('serializes with a fixed key order and a trailing newline, and the text loads back unchanged', () => {
    fc.assert(
      fc.property(validDefinition, (definition) => {
        const text = serializeServiceDefinition(definition)
        expect(text.endsWith('}\n')).toBe(true)
        expect(defineWebSocketService(text).definition).toStrictEqual(definition)
        const shuffled = Object.fromEntries(Object.entries(definition).reverse()) as WebSocketServiceDefinition
        expect(serializeServiceDefinition(shuffled)).toBe(text)
      }),
    )
    const text = serializeServiceDefinition({
      url: 'ws://h/x',
      queryParams: [{ description: 'who', default: 'ann', name: 'username' }],
      name: 'chat',
    })
    expect(text).toBe(
      '{\n  "name": "chat",\n  "url": "ws://h/x",\n  "queryParams": [\n    {\n      "name": "username",\n      "default": "ann",\n      "description": "who"\n    }\n  ]\n}\n',
    )
  })

  it('keeps a protocol, its options and its channels', () => {
    const definition: WebSocketServiceDefinition = {
      name: 'sensors',
      url: 'ws://broker/mqtt',
      protocol: 'mqtt',
      protocolOptions: { qos: 1, clean: false, clientId: 'board' },
      channels: ['alerts/#', { name: 'sensors/+/bpm', qos: 1 }],
    }
    const text = serializeServiceDefinition(definition)
    expect(defineWebSocketService(text).definition).toStrictEqual(definition)
  })

  it('keeps a "__proto__" key in samples and schemas as data', () => {
    const text =
      '{"name":"a","url":"ws://h/","schema":{"__proto__":""},"samples":{"responses":[{"__proto__":{"a":1}}]}}'
    const definition = JSON.parse(text)
    expect(JSON.parse(JSON.stringify(defineWebSocketService(definition)))).toStrictEqual(definition)
    expect(defineWebSocketService(text).definition).toStrictEqual(definition)
  })

  it('keeps the definition frozen and apart from the caller’s object', () => {
    const input = { name: 'chat', url: 'ws://h/x', queryParams: [{ name: 'a' }] }
    const service = defineWebSocketService(input)
    input.queryParams[0] = { name: 'changed' }
    expect(service.definition.queryParams).toEqual([{ name: 'a' }])
    expect(Object.isFrozen(service.definition.queryParams?.[0])).toBe(true)
    expect(defineWebSocketService(service)).toBe(service)
  })

  it('lists query params from the URL after the declared ones, with the URL value as default', () => {
    const service = defineWebSocketService({
      name: 'chat',
      url: 'ws://h/chat?username=&room=general&lang=en',
      queryParams: [{ name: 'lang', required: true }],
    })
    expect(service.queryParams).toEqual([
      { name: 'lang', required: true, default: 'en' },
      { name: 'username' },
      { name: 'room', default: 'general' },
    ])
    expect(service.definition.queryParams).toEqual([{ name: 'lang', required: true }])
  })
})
