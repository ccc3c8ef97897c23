import specs from '@asyncapi/specs'
import Ajv, { type ValidateFunction } from 'ajv'
import { beforeAll, describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError } from '../errors.js'
import { defineWebSocketService, type WebSocketServiceDefinition } from '../service/index.js'
import { toAsyncApi } from './to-asyncapi.js'

describe('toAsyncApi', () => {
  it('describes the heartrate service with a receive operation and a payload inferred from its sample', () => {
    const doc = toAsyncApi(
      defineWebSocketService({
        name: 'heartrate',
        url: 'ws://localhost:8080/websocket/heartrate',
        samples: { responses: ['{"time":1513152655902,"value":95}'] },
      }),
    )
    expect(doc).toMatchObject({
      asyncapi: '3.0.0',
      info: { title: 'heartrate', version: '1.0.0' },
      servers: { default: { host: 'localhost:8080', protocol: 'ws' } },
      channels: {
        heartrate: {
          address: '/websocket/heartrate',
          messages: {
            HeartrateMessage: {
              payload: {
                type: 'object',
                properties: {
                  time: { type: 'integer', description: 'timestamp (epoch ms)' },
                  value: { type: 'integer' },
                },
              },
              examples: [{ payload: { time: 1513152655902, value: 95 } }],
            },
          },
        },
      },
      operations: {
        receiveHeartrate: {
          action: 'receive',
          channel: { $ref: '#/channels/heartrate' },
          messages: [{ $ref: '#/channels/heartrate/messages/HeartrateMessage' }],
        },
      },
    })
    const payload = (doc as { channels: { heartrate: { messages: { HeartrateMessage: { payload: object } } } } })
      .channels.heartrate.messages.HeartrateMessage.payload
    expect(payload).not.toHaveProperty('$schema')
    expect(Object.keys(doc.operations as object)).toEqual(['receiveHeartrate'])
  })

  it('adds path parameters, query bindings, the stored schema and a send operation for a RequestBody', () => {
    const schema = { type: 'object', properties: { message: { type: 'string' } } }
    const doc = toAsyncApi({
      name: 'chat_room',
      description: 'Chat',
      url: 'wss://chat.example.com/rooms/{room}?username=',
      pathParams: [{ name: 'room', default: 'lobby', description: 'Room id' }],
      queryParams: [{ name: 'token', required: true }],
      requestBody: '{"subscribe":"room"}',
      schema,
    })
    expect(doc).toMatchObject({
      info: { description: 'Chat' },
      servers: { default: { host: 'chat.example.com', protocol: 'wss' } },
      channels: {
        chat_room: {
          address: '/rooms/{room}',
          parameters: { room: { default: 'lobby', description: 'Room id' } },
          bindings: {
            ws: {
              query: {
                type: 'object',
                properties: { token: { type: 'string' }, username: { type: 'string' } },
                required: ['token'],
              },
            },
          },
          messages: {
            ChatRoomMessage: { payload: schema },
            ChatRoomRequest: {
              contentType: 'application/json',
              payload: { type: 'object', properties: { subscribe: { type: 'string' } } },
            },
          },
        },
      },
      operations: {
        sendChatRoom: { action: 'send', messages: [{ $ref: '#/channels/chat_room/messages/ChatRoomRequest' }] },
      },
    })
  })

  it('rejects an invalid definition with the definition error', () => {
    let error: unknown
    try {
      toAsyncApi({ name: 'x', url: 'http://h' })
    } catch (e) {
      error = e
    }
    expect(isTetherError(error, ErrorCodes.INVALID_SERVICE_DEFINITION)).toBe(true)
  })
})

/** The official AsyncAPI 3.0.0 JSON Schema (with the bindings' schemas) from the maintained @asyncapi/specs. */
let validate: ValidateFunction
beforeAll(() => {
  // The bundle carries its own copy of the draft-07 meta-schema: ajv's must stay out (meta: false).
  const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false, validateFormats: false })
  validate = ajv.compile(specs.schemas['3.0.0'])
})

function expectValidAsyncApi(doc: unknown) {
  const valid = validate(doc)
  expect(valid ? [] : validate.errors?.slice(0, 5)).toEqual([])
}

type Doc = {
  servers: { default: Record<string, unknown> }
  channels: Record<string, { address: string; bindings?: Record<string, unknown>; messages: Record<string, unknown> }>
  operations: Record<string, { action: string; bindings?: Record<string, unknown> }>
}
const exported = (definition: WebSocketServiceDefinition) => toAsyncApi(definition) as unknown as Doc

describe("toAsyncApi for a protocol service: one channel per channel, with the protocol's bindings", () => {
  it('Socket.IO: ws server, one channel per event with its schema and an x-socketio binding', () => {
    const doc = exported({
      name: 'market',
      url: 'ws://localhost:3000/feed',
      protocol: 'socket.io',
      protocolOptions: { namespace: '/prices', auth: { token: 's3cr3t' } },
      channels: [
        { name: 'tick', samples: [{ n: 1 }] },
        { name: 'chat', schema: { type: 'object' } },
      ],
    })
    expect(doc).toMatchObject({
      servers: { default: { host: 'localhost:3000', protocol: 'ws', protocolVersion: '4', pathname: '/feed' } },
      channels: {
        'market.tick': {
          address: 'tick',
          bindings: { 'x-socketio': { namespace: '/prices', event: 'tick' } },
          messages: {
            MarketTickMessage: {
              title: 'tick',
              payload: { type: 'object', properties: { n: { type: 'integer' } } },
              examples: [{ payload: { n: 1 } }],
            },
          },
        },
        'market.chat': { address: 'chat', messages: { MarketChatMessage: { payload: { type: 'object' } } } },
      },
      operations: {
        receiveMarketTick: { action: 'receive', channel: { $ref: '#/channels/market.tick' } },
        receiveMarketChat: { messages: [{ $ref: '#/channels/market.chat/messages/MarketChatMessage' }] },
      },
    })
    expect(JSON.stringify(doc)).not.toContain('s3cr3t')
    expectValidAsyncApi(doc)
  })

  it('MQTT: mqtt/secure-mqtt server with its binding, topic filters as addresses, QoS per operation', () => {
    const doc = exported({
      name: 'plants',
      url: 'wss://broker.example.com/mqtt',
      protocol: 'mqtt',
      protocolOptions: { qos: 1, clientId: 'studio', password: 's3cr3t', protocolVersion: 5, clean: false },
      requestBody: '{"on":true}',
      channels: [{ name: 'plants/+/reading', qos: 2 }, 'plants/alerts/#'],
    })
    expect(doc.servers.default).toEqual({
      host: 'broker.example.com',
      protocol: 'secure-mqtt',
      protocolVersion: '5',
      pathname: '/mqtt',
      bindings: { mqtt: { bindingVersion: '0.2.0', clientId: 'studio', cleanSession: false, keepAlive: 60 } },
    })
    expect(Object.values(doc.channels).map((c) => c.address)).toEqual(['plants/+/reading', 'plants/alerts/#'])
    expect(doc.channels['plants.plants_reading']?.bindings).toMatchObject({
      ws: { headers: { properties: { 'Sec-WebSocket-Protocol': { enum: ['mqtt', 'mqttv3.1'] } } } },
    })
    expect(doc.operations.receivePlantsPlantsReading?.bindings).toEqual({ mqtt: { bindingVersion: '0.2.0', qos: 2 } })
    expect(doc.operations.receivePlantsPlantsAlerts?.bindings).toEqual({ mqtt: { bindingVersion: '0.2.0', qos: 1 } })
    expect(doc.operations.sendPlants).toMatchObject({
      action: 'send',
      bindings: { mqtt: { qos: 1, retain: false } },
    })
    expect(JSON.stringify(doc)).not.toContain('s3cr3t')
    expectValidAsyncApi(doc)
  })

  it('STOMP: stomp server, destinations as addresses, the stomp binding and its WebSocket subprotocols', () => {
    const doc = exported({
      name: 'orders',
      url: 'ws://127.0.0.1:15674/ws',
      protocol: 'stomp',
      protocolOptions: { login: 'guest', passcode: 's3cr3t' },
      channels: ['/topic/orders', '/queue/fills'],
    })
    expect(doc.servers.default).toEqual({
      host: '127.0.0.1:15674',
      protocol: 'stomp',
      protocolVersion: '1.2',
      pathname: '/ws',
    })
    expect(doc.channels['orders.topic_orders']).toMatchObject({
      address: '/topic/orders',
      bindings: {
        stomp: {},
        ws: {
          headers: { properties: { 'Sec-WebSocket-Protocol': { enum: ['v12.stomp', 'v11.stomp', 'v10.stomp'] } } },
        },
      },
    })
    expect(doc.channels['orders.queue_fills']?.address).toBe('/queue/fills')
    expect(JSON.stringify(doc)).not.toContain('s3cr3t')
    expectValidAsyncApi(doc)
  })

  it('GraphQL: ws server, subscriptions as channels with their document and the subprotocol of the dialect', () => {
    const definition = {
      name: 'quotes',
      url: 'wss://api.example.com/graphql',
      protocol: 'graphql-ws',
      protocolOptions: { connectionParams: { authToken: 's3cr3t' } },
      channels: [{ name: 'prices', query: 'subscription { prices { symbol price } }', variables: { n: 1 } }],
    } as const satisfies WebSocketServiceDefinition
    const doc = exported(definition)
    expect(doc.servers.default).toMatchObject({ protocol: 'wss', pathname: '/graphql' })
    expect(doc.channels['quotes.prices']).toMatchObject({
      address: 'prices',
      bindings: {
        ws: { headers: { properties: { 'Sec-WebSocket-Protocol': { enum: ['graphql-transport-ws'] } } } },
        'x-graphql': { query: 'subscription { prices { symbol price } }', variables: { n: 1 } },
      },
    })
    const legacy = exported({ ...definition, protocolOptions: { legacy: true } })
    expect(legacy.channels['quotes.prices']?.bindings).toMatchObject({
      ws: { headers: { properties: { 'Sec-WebSocket-Protocol': { enum: ['graphql-ws'] } } } },
    })
    expect(JSON.stringify(doc)).not.toContain('s3cr3t')
    expectValidAsyncApi(doc)
    expectValidAsyncApi(legacy)
  })

  it('SSE: http/https server, events as channels, the http binding with the request method', () => {
    const doc = exported({
      name: 'news',
      url: 'https://example.com/events',
      protocol: 'sse',
      protocolOptions: { method: 'POST', headers: { Authorization: 's3cr3t' } },
      channels: ['message', 'headline'],
    })
    expect(doc.servers.default).toEqual({ host: 'example.com', protocol: 'https', pathname: '/events' })
    expect(Object.values(doc.channels).map((c) => c.address)).toEqual(['message', 'headline'])
    expect(doc.operations.receiveNewsHeadline?.bindings).toEqual({ http: { bindingVersion: '0.3.0', method: 'POST' } })
    expect(JSON.stringify(doc)).not.toContain('s3cr3t')
    expectValidAsyncApi(doc)
  })

  it('a bare WebSocket keeps one channel at the path; a binary format names its media type and its .proto', () => {
    const plain = exported({ name: 'chat_room', url: 'wss://h/rooms/{room}?token=', requestBody: 'hi' })
    expect(plain.servers.default).toEqual({ host: 'h', protocol: 'wss' })
    expect(plain.channels.chat_room?.address).toBe('/rooms/{room}')
    expectValidAsyncApi(plain)
    const proto = 'syntax = "proto3";\nmessage Reading { double value = 1; }'
    const binary = toAsyncApi({
      name: 'readings',
      url: 'ws://h/r',
      payloadFormat: 'protobuf',
      protobuf: { proto, messageType: 'Reading' },
    })
    expect(binary).toMatchObject({
      defaultContentType: 'application/x-protobuf',
      channels: {
        readings: {
          messages: {
            ReadingsMessage: {
              contentType: 'application/x-protobuf',
              payload: { schemaFormat: 'application/vnd.google.protobuf;version=3', schema: proto },
            },
          },
        },
      },
    })
    expectValidAsyncApi(binary)
    expect(toAsyncApi({ name: 'm', url: 'ws://h/m', payloadFormat: 'msgpack' }).defaultContentType).toBe(
      'application/msgpack',
    )
  })

  it('the schema check itself refuses a wrong binding (so a pass above means something)', () => {
    const doc = exported({ name: 'plants', url: 'ws://h/mqtt', protocol: 'mqtt', channels: ['a/b'] })
    expectValidAsyncApi(doc)
    ;(doc.operations.receivePlantsAB as { bindings: { mqtt: { qos: number } } }).bindings.mqtt.qos = 3
    expect(validate(doc)).toBe(false)
  })
})
