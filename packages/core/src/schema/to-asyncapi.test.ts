import { describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError } from '../errors.js'
import { defineWebSocketService } from '../service/index.js'
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

describe('toAsyncApi for a protocol service', () => {
  it('has one message and one receive operation per channel, each with the channel schema', () => {
    const doc = toAsyncApi({
      name: 'market',
      url: 'ws://localhost:3000',
      protocol: 'socket.io',
      channels: [
        { name: 'tick', samples: [{ n: 1 }] },
        { name: 'chat', schema: { type: 'object' } },
      ],
    })
    expect(doc).toMatchObject({
      servers: { default: { host: 'localhost:3000', protocol: 'socket.io' } },
      channels: {
        market: {
          messages: {
            MarketTickMessage: {
              title: 'tick',
              payload: { type: 'object', properties: { n: { type: 'integer' } } },
              examples: [{ payload: { n: 1 } }],
            },
            MarketChatMessage: { title: 'chat', payload: { type: 'object' } },
          },
        },
      },
      operations: {
        receiveMarketTick: { action: 'receive', messages: [{ $ref: '#/channels/market/messages/MarketTickMessage' }] },
        receiveMarketChat: { action: 'receive', messages: [{ $ref: '#/channels/market/messages/MarketChatMessage' }] },
      },
    })
    expect(Object.keys(doc.operations as object)).toEqual(['receiveMarketTick', 'receiveMarketChat'])
  })
})
