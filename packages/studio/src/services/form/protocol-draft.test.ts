import { defineWebSocketService, type WebSocketServiceDefinition } from '@tether/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { passwordToSave } from './protocol-draft.js'
import { definitionToDraft, draftToDefinition, emptyDraft, validateDraft } from './service-draft.js'

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/)
const json = fc.dictionary(word, fc.oneof(fc.string(), fc.integer(), fc.boolean()), { minKeys: 1, maxKeys: 3 })
const headers = fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z-]{0,8}$/), word, { minKeys: 1, maxKeys: 2 })
/** An options record with only the keys drawn, or undefined when none were (the studio writes no `{}`). */
const someOf = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) =>
  fc.record(shape, { requiredKeys: [] }).map((o) => (Object.keys(o).length === 0 ? undefined : o))
/** Channels as the studio writes them: a name alone, or an object when it carries more. */
const channels = (channel: fc.Arbitrary<string | { name: string }>) =>
  fc.uniqueArray(channel, { maxLength: 3, selector: (c) => (typeof c === 'string' ? c : c.name) })

const protocolParts = fc.oneof(
  fc.constant({}), // bare WebSocket: the studio writes no "protocol"
  fc.record({
    protocol: fc.constant('socket.io' as const),
    protocolOptions: someOf({ namespace: word.map((w) => `/${w}`), auth: json }),
    channels: channels(fc.oneof(word, fc.record({ name: word, description: fc.string() }))),
  }),
  fc.record({
    protocol: fc.constant('stomp' as const),
    protocolOptions: someOf({ login: word, host: word, headers }),
    channels: channels(
      fc.oneof(
        word.map((w) => `/topic/${w}`),
        fc.record({ name: word, headers }),
      ),
    ),
  }),
  fc.record({
    protocol: fc.constant('mqtt' as const),
    protocolOptions: someOf({
      clientId: word,
      qos: fc.constantFrom(0, 1, 2),
      username: word,
      clean: fc.boolean(),
      keepaliveSeconds: fc.integer({ min: 0, max: 600 }),
      protocolVersion: fc.constantFrom(4, 5),
    }),
    channels: channels(
      fc.oneof(
        word.map((w) => `sensors/+/${w}`),
        fc.record({ name: word.map((w) => `${w}/#`), qos: fc.constantFrom(0, 1, 2) }),
      ),
    ),
  }),
  fc.record({
    protocol: fc.constant('graphql-ws' as const),
    protocolOptions: someOf({ connectionParams: json, legacy: fc.boolean() }),
    channels: channels(
      fc.record(
        { name: word, query: word.map((w) => `subscription { ${w} }`), variables: json },
        { requiredKeys: ['name', 'query'] },
      ),
    ),
  }),
  fc.record({
    protocol: fc.constant('sse' as const),
    protocolOptions: someOf({ method: fc.constantFrom('GET', 'POST'), headers }),
    channels: channels(word),
  }),
)

/** Drops the keys fast-check drew as undefined or empty: a saved file has no `"channels": []`. */
function canonical(parts: Record<string, unknown>): Partial<WebSocketServiceDefinition> {
  return Object.fromEntries(
    Object.entries(parts).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as Partial<WebSocketServiceDefinition>
}

describe('the protocol part of the service draft', () => {
  it('round-trips: definition → draft → definition, for every protocol', () => {
    fc.assert(
      fc.property(protocolParts, (parts) => {
        const url = 'protocol' in parts && parts.protocol === 'sse' ? 'https://h/events' : 'ws://h/feed'
        const definition = { name: 'feed', url, ...canonical(parts) } as WebSocketServiceDefinition
        expect(draftToDefinition(definitionToDraft(definition))).toEqual(definition)
        expect(() => defineWebSocketService(definition)).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })

  it('keeps each protocol’s options when the choice is switched away and back', () => {
    const draft = definitionToDraft({
      name: 'chat',
      url: 'ws://h/socket.io/',
      protocol: 'socket.io',
      protocolOptions: { namespace: '/admin' },
    })
    const away = { ...draft, protocol: { ...draft.protocol, protocol: 'mqtt' as const } }
    expect(draftToDefinition(away).protocolOptions).toBeUndefined()
    const back = { ...away, protocol: { ...away.protocol, protocol: 'socket.io' as const } }
    expect(draftToDefinition(back).protocolOptions).toEqual({ namespace: '/admin' })
  })

  it('writes no password into the file: a password found there becomes one to store on the server', () => {
    const draft = definitionToDraft({
      name: 'plants',
      url: 'ws://h/mqtt',
      protocol: 'mqtt',
      protocolOptions: { username: 'ann', password: 'hunter2' },
      useProxy: true,
    })
    expect(draftToDefinition(draft).protocolOptions).toEqual({ username: 'ann' })
    expect(passwordToSave(draft.protocol)).toEqual({ password: 'hunter2' })
    expect(validateDraft(draft, [])).toEqual({})
    const stomp = definitionToDraft({ name: 's', url: 'ws://h/ws', protocol: 'stomp' }, { credentials: ['password'] })
    expect(stomp.protocol.password).toEqual({ value: '', stored: true })
    expect(passwordToSave(stomp.protocol)).toBeNull()
    // Switching to a protocol without a password forgets the stored one.
    expect(passwordToSave({ ...stomp.protocol, protocol: 'sse' })).toEqual({ password: null })
  })

  it('asks for the proxy when a password is given, since only the proxy can add it', () => {
    const draft = { ...emptyDraft('ws://h/ws'), name: 'prices' }
    const stomp = { ...draft, protocol: { ...draft.protocol, protocol: 'stomp' as const } }
    const typed = { ...stomp, protocol: { ...stomp.protocol, password: { value: 'guest', stored: false } } }
    expect(validateDraft(typed, []).password?.[0]).toMatch(/Run through the proxy/)
    expect(validateDraft({ ...typed, useProxy: true }, [])).toEqual({})
  })

  it('reports JSON that is not an object, and core’s channel rules, at their fields', () => {
    const base = definitionToDraft({
      name: 'prices',
      url: 'ws://h/graphql',
      protocol: 'graphql-ws',
      channels: [{ name: 'prices', query: 'subscription { prices }' }],
    })
    const [row] = base.protocol.channels
    if (!row) throw new Error('no channel row')
    const broken = {
      ...base,
      protocol: {
        ...base.protocol,
        jsonText: { connectionParams: '[1]' },
        channels: [
          { ...row, variablesText: '{"a":' },
          { ...row, name: 'second', query: ' ' },
        ],
      },
    }
    const problems = validateDraft(broken, [])
    expect(problems['protocolOptions.connectionParams']?.[0]).toMatch(/JSON object/)
    expect(problems['channels[0].variables']?.[0]).toMatch(/not valid JSON/)
    expect(problems['channels[1].query']?.[0]).toMatch(/empty/)

    const mqtt = definitionToDraft({ name: 'plants', url: 'ws://h/mqtt', protocol: 'mqtt', channels: ['plants/#'] })
    const wild = {
      ...mqtt,
      protocol: { ...mqtt.protocol, channels: [{ ...mqtt.protocol.channels[0], name: 'a/#/b' }] },
    }
    expect(validateDraft(wild as typeof mqtt, [])['channels[0]']?.[0]).toMatch(/'#' must be a whole level/)
  })
})
