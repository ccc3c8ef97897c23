import { describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError, type TetherError } from '../errors.js'
import { defineWebSocketService } from './define.js'
import { serializeServiceDefinition } from './serialize.js'

function problemsOf(input: unknown): TetherError {
  try {
    defineWebSocketService(input as never)
  } catch (error) {
    if (isTetherError(error, ErrorCodes.INVALID_SERVICE_DEFINITION)) return error
    throw error
  }
  throw new Error('expected the definition to be rejected')
}

const details = (input: unknown) => problemsOf(input).details.map((d) => `${d.path}: ${d.message}`)

describe('service definitions with a protocol', () => {
  it('accepts each protocol with its options and channels, names alone or objects', () => {
    const socketIo = defineWebSocketService({
      name: 'ticks',
      url: 'ws://h/socket.io/?EIO=4&transport=websocket',
      protocol: 'socket.io',
      protocolOptions: { namespace: '/admin', auth: { token: 't' } },
      channels: ['tick', { name: 'chat', description: 'chat lines' }],
    })
    expect(socketIo.definition.channels).toEqual(['tick', { name: 'chat', description: 'chat lines' }])
    defineWebSocketService({
      name: 'prices',
      url: 'ws://h/graphql',
      protocol: 'graphql-ws',
      protocolOptions: { connectionParams: { token: 't' }, legacy: true },
      channels: [{ name: 'prices', query: 'subscription ($s: String!) { price(symbol: $s) }', variables: { s: 'A' } }],
    })
    defineWebSocketService({
      name: 'sensors',
      url: 'ws://h/mqtt',
      protocol: 'mqtt',
      protocolOptions: { clientId: 'c1', qos: 1, clean: false },
      channels: ['sensors/+/heartrate', { name: 'alerts/#', qos: 2 }, '#'],
    })
    defineWebSocketService({
      name: 'broker',
      url: 'ws://h/ws',
      protocol: 'stomp',
      protocolOptions: { login: 'guest', passcode: 'guest', headers: { 'x-a': '1' } },
      channels: ['/topic/prices', { name: '/queue/work', headers: { ack: 'client' } }],
    })
    const sse = defineWebSocketService({
      name: 'feed',
      url: 'https://h/events/{room}',
      protocol: 'sse',
      protocolOptions: { method: 'POST', headers: { Authorization: 'Bearer x' } },
      channels: ['message', 'tick'],
    })
    expect(sse.buildUrl({ room: 'a' })).toBe('https://h/events/a')
  })

  it('locates every problem: unknown protocol, options of another protocol, bad channels, duplicates', () => {
    expect(details({ name: 's', url: 'ws://h', protocol: 'amqp' })).toEqual([
      'protocol: protocol must be one of websocket, socket.io, stomp, mqtt, graphql-ws, sse.',
    ])
    expect(
      details({
        name: 's',
        url: 'ws://h',
        protocol: 'socket.io',
        protocolOptions: { namespace: 'admin', login: 'x' },
        channels: ['tick', 'connect', '', { name: 'tick' }, 42],
      }),
    ).toEqual([
      'protocolOptions.namespace: A namespace starts with / and has no spaces, commas, ? or #, e.g. "/admin".',
      "protocolOptions.login: Unknown field 'login'; remove it or check its spelling.",
      'channels[1]: Socket.IO reserves connect, connect_error, disconnect, disconnecting, newListener, removeListener; use another event name.',
      'channels[2]: Give the channel a name: an event name, e.g. "tick".',
      "channels[3]: Duplicate channel 'tick' (also at channels[0]).",
      'channels[4]: A channel must be an object like { "name": "tick" } or its name alone.',
    ])
  })

  it('checks MQTT topic filters, GraphQL documents, STOMP header lines and the SSE scheme', () => {
    expect(
      details({ name: 's', url: 'ws://h', protocol: 'mqtt', channels: ['a/#/b', 'a/b+', { name: 'a', qos: 3 }] }),
    ).toEqual([
      'channels[0]: \'#\' must be a whole level and the last one, e.g. "alerts/#".',
      'channels[1]: \'+\' must be a whole level, e.g. "sensors/+/heartrate".',
      'channels[2].qos: qos must be 0, 1 or 2.',
    ])
    expect(
      details({ name: 's', url: 'ws://h', protocol: 'graphql-ws', channels: ['prices', { name: 'p', query: ' ' }] }),
    ).toEqual([
      'channels[0].query: Give the subscription document, e.g. "subscription { prices { symbol price } }".',
      'channels[1].query: The subscription document is empty.',
    ])
    expect(
      details({ name: 's', url: 'ws://h', protocol: 'stomp', protocolOptions: { headers: { a: 'x\ny' } } }),
    ).toEqual(['protocolOptions.headers.a: headers: a header value must be one line.'])
    expect(details({ name: 's', url: 'ws://h/events', protocol: 'sse' })).toEqual([
      'url: ws:// URLs cannot be used for an SSE service; use http:// or https:// instead.',
    ])
    expect(details({ name: 's', url: 'https://h/x' })[0]).toMatch(/use ws:\/\/ or wss:\/\//)
  })

  it('a bare WebSocket service has neither protocolOptions nor channels; both must be plain JSON', () => {
    expect(details({ name: 's', url: 'ws://h', protocolOptions: {}, channels: ['tick'] })).toEqual([
      'protocolOptions: A websocket service has no protocolOptions; set "protocol" (e.g. "socket.io") or remove them.',
      'channels: A websocket service has no channels; set "protocol" (e.g. "socket.io"), or route by a field with routes.',
    ])
    const paths = problemsOf({
      name: 's',
      url: 'ws://h',
      protocol: 'socket.io',
      protocolOptions: { auth: { at: new Date(0) } },
    }).details.map((d) => d.path)
    expect(paths).toContain('protocolOptions.auth.at')
  })

  it('a saved service file keeps its protocol, options and channels', () => {
    const definition = {
      name: 'market',
      url: 'ws://h',
      protocol: 'socket.io' as const,
      protocolOptions: { namespace: '/admin' },
      channels: ['tick', { name: 'chat', samples: [{ text: 'hi' }], schema: { type: 'object' } }],
    }
    const text = serializeServiceDefinition(defineWebSocketService(definition).definition)
    expect(defineWebSocketService(text).definition).toEqual(definition)
    expect(Object.keys(JSON.parse(text))).toEqual(['name', 'url', 'protocol', 'protocolOptions', 'channels'])
  })

  it('writes the payload format and the .proto back: a binary service saved from the studio stays binary', () => {
    const definition = {
      name: 'readings',
      url: 'ws://h/readings',
      payloadFormat: 'protobuf' as const,
      protobuf: { proto: 'syntax = "proto3"; message Reading { int32 value = 1; }', messageType: 'Reading' },
    }
    const text = serializeServiceDefinition(defineWebSocketService(definition).definition)
    expect(JSON.parse(text)).toEqual(definition)
    const msgpack = { name: 'pump', url: 'ws://h/pump', payloadFormat: 'msgpack' as const }
    expect(JSON.parse(serializeServiceDefinition(defineWebSocketService(msgpack).definition))).toEqual(msgpack)
  })
})
