import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ErrorCodes, type TetherError } from '../errors.js'
import { encodeFeedMessage } from '../feed/index.js'
import { PayloadDecodeError } from '../payload/decode-failed.js'
import { READING_PROTO, READINGS, toCbor, toMsgpack, toProtobuf } from '../payload/test-support/readings.js'
import type { WebSocketServiceDefinition } from '../service/index.js'
import { disposeVariables, makeVariable } from './test-support/variables.js'
import { startTestServer, type TestServer, waitFor } from './test-support/ws-server.js'

let server: TestServer

beforeEach(async () => {
  server = await startTestServer()
})
afterEach(async () => {
  disposeVariables()
  await server.kill()
})

const FORMATS: [string, Partial<WebSocketServiceDefinition>, (value: object) => Uint8Array][] = [
  ['msgpack', { payloadFormat: 'msgpack' }, toMsgpack],
  ['cbor', { payloadFormat: 'cbor' }, toCbor],
  [
    'protobuf',
    { payloadFormat: 'protobuf', protobuf: { proto: READING_PROTO, messageType: 'plant.Reading' } },
    toProtobuf,
  ],
]

function binaryVariable(payload: Partial<WebSocketServiceDefinition>) {
  const errors: TetherError[] = []
  const v = makeVariable(
    { url: server.url('/plants'), ...payload },
    { onNewData: 'addAsLast', onError: (_v, error) => void errors.push(error as TetherError) },
  )
  return { v, errors }
}

describe('WebSocketVariable: binary payloads over a real socket', () => {
  it.each(FORMATS)(
    '%s binary frames become dataset records equal to the objects sent',
    async (_name, payload, encode) => {
      const { v, errors } = binaryVariable(payload)
      await v.open()
      for (const reading of READINGS) server.broadcast(Buffer.from(encode(reading)))
      await waitFor(() => v.status.messagesReceived === READINGS.length, 'three binary frames')
      expect(v.dataSet).toEqual(READINGS)
      expect(errors).toEqual([])
    },
  )

  it('a frame that is not the format is DECODE_FAILED with its bytes kept; the next frame still decodes', async () => {
    const { v, errors } = binaryVariable({ payloadFormat: 'msgpack' })
    await v.open()
    const garbage = Buffer.from([0xc1, 0x01, 0x02]) // 0xc1 is "never used" in MessagePack
    server.broadcast(garbage)
    server.broadcast(Buffer.from(toMsgpack(READINGS[0])))
    await waitFor(() => v.status.messagesReceived === 2, 'two frames')
    expect(v.dataSet).toEqual([READINGS[0]])
    expect(errors).toHaveLength(1)
    const error = errors[0] as PayloadDecodeError
    expect(error).toBeInstanceOf(PayloadDecodeError)
    expect(error.code).toBe(ErrorCodes.DECODE_FAILED)
    expect(error.format).toBe('msgpack')
    expect([...error.bytes]).toEqual([...garbage])
    expect(error.message).toContain('c1 01 02')
    expect(v.status.lastError?.code).toBe(ErrorCodes.DECODE_FAILED)
  })

  it('text frames of a binary service are still read as JSON', async () => {
    const { v } = binaryVariable({ payloadFormat: 'cbor' })
    await v.open()
    server.broadcast(JSON.stringify(READINGS[1]))
    await waitFor(() => v.status.messagesReceived === 1, 'one text frame')
    expect(v.dataSet).toEqual([READINGS[1]])
  })

  it("a shared feed's binary messages (base64 in the feed frame) are decoded too", async () => {
    const v = makeVariable(
      { name: 'plants', url: 'wss://plants.example/live', useProxy: true, shared: true, payloadFormat: 'cbor' },
      { proxyUrl: server.url('/api/proxy'), onNewData: 'addAsLast' },
    )
    await v.open()
    READINGS.forEach((reading, index) => {
      server.broadcast(encodeFeedMessage(index + 1, { base64: Buffer.from(toCbor(reading)).toString('base64') }))
    })
    await waitFor(
      () => v.dataSet !== null && (v.dataSet as unknown[]).length === READINGS.length,
      'three feed messages',
    )
    expect(v.dataSet).toEqual(READINGS)
  })

  it('a .proto without the message type fails the connection with INVALID_SERVICE_DEFINITION, not retried', async () => {
    const { v } = binaryVariable({
      payloadFormat: 'protobuf',
      protobuf: { proto: READING_PROTO, messageType: 'plant.Nope' },
    })
    await expect(v.open()).rejects.toMatchObject({ code: ErrorCodes.INVALID_SERVICE_DEFINITION })
    expect(v.status.state).toBe('error')
    expect(server.requests).toEqual([])
  })
})
