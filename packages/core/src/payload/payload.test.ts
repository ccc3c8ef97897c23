import { describe, expect, it } from 'vitest'
import { ErrorCodes } from '../errors.js'
import { inferSchema } from '../schema/infer-schema.js'
import { defineWebSocketService } from '../service/index.js'
import { hexPreview, PayloadDecodeError } from './decode-failed.js'
import { detectPayloadFormat } from './detect.js'
import { loadPayloadDecoder, protoMessageTypes } from './load.js'
import { READING_PROTO, READINGS, toCbor, toMsgpack, toProtobuf } from './test-support/readings.js'

const protobuf = { proto: READING_PROTO, messageType: 'plant.Reading' }

function invalid(definition: object): { path: string; message: string }[] {
  try {
    defineWebSocketService({ name: 'plants', url: 'ws://host/plants', ...definition })
  } catch (error) {
    expect((error as { code: string }).code).toBe(ErrorCodes.INVALID_SERVICE_DEFINITION)
    return [...(error as { details: { path: string; message: string }[] }).details]
  }
  throw new Error('the definition was accepted')
}

describe('payloadFormat in a service definition', () => {
  it('accepts json, msgpack, cbor and protobuf with its .proto, and keeps them in the definition', () => {
    for (const payloadFormat of ['json', 'msgpack', 'cbor'] as const) {
      expect(defineWebSocketService({ name: 'p', url: 'ws://h/p', payloadFormat }).definition.payloadFormat).toBe(
        payloadFormat,
      )
    }
    const service = defineWebSocketService({ name: 'p', url: 'ws://h/p', payloadFormat: 'protobuf', protobuf })
    expect(service.definition.protobuf).toEqual(protobuf)
  })

  it('refuses an unknown format, protobuf without its .proto, a stray protobuf and binary on a text protocol', () => {
    expect(invalid({ payloadFormat: 'avro' }).map((d) => d.path)).toEqual(['payloadFormat'])
    expect(invalid({ payloadFormat: 'protobuf' }).map((d) => d.path)).toEqual(['protobuf'])
    expect(invalid({ payloadFormat: 'cbor', protobuf }).map((d) => d.path)).toEqual(['protobuf'])
    expect(
      invalid({ payloadFormat: 'protobuf', protobuf: { proto: '', messageType: '1x' } }).map((d) => d.path),
    ).toEqual(['protobuf.proto', 'protobuf.messageType'])
    const sse = invalid({ url: 'http://host/events', protocol: 'sse', payloadFormat: 'msgpack' })
    expect(sse).toEqual([{ path: 'payloadFormat', message: expect.stringContaining('text only') }])
  })
})

describe('loadPayloadDecoder', () => {
  it('is undefined for json (nothing is loaded)', async () => {
    expect(await loadPayloadDecoder({})).toBeUndefined()
    expect(await loadPayloadDecoder({ payloadFormat: 'json' })).toBeUndefined()
  })

  it('decodes what the reference encoders wrote', async () => {
    const msgpack = await loadPayloadDecoder({ payloadFormat: 'msgpack' })
    const cbor = await loadPayloadDecoder({ payloadFormat: 'cbor' })
    const proto = await loadPayloadDecoder({ payloadFormat: 'protobuf', protobuf })
    for (const reading of READINGS) {
      expect(msgpack?.(toMsgpack(reading))).toEqual(reading)
      expect(cbor?.(toCbor(reading))).toEqual(reading)
      expect(proto?.(toProtobuf(reading))).toEqual(reading)
    }
  })

  it('gives proto3 defaults for fields left off the wire, enum names, maps, nested messages and safe 64-bit numbers', async () => {
    const proto = `syntax = "proto3";
      enum Level { LOW = 0; HIGH = 1; }
      message Point { int64 at = 1; sint32 delta = 2; }
      message Sample { string name = 1; Level level = 2; map<string, Point> points = 3; repeated int32 counts = 4; uint64 big = 5; Point last = 6; }`
    const decode = await loadPayloadDecoder({ payloadFormat: 'protobuf', protobuf: { proto, messageType: 'Sample' } })
    const sample = {
      name: 'x',
      level: 'HIGH',
      points: { a: { at: 1_700_000_000_000, delta: -3 } },
      counts: [1, 2, 300],
      big: '18446744073709551615',
      last: { at: 0, delta: 5 },
    }
    expect(decode?.(toProtobuf(sample, proto, 'Sample'))).toEqual(sample)
    expect(decode?.(new Uint8Array(0))).toEqual({ name: '', level: 'LOW', points: {}, counts: [], big: 0 })
  })

  it('a .proto that does not parse is INVALID_SERVICE_DEFINITION located at protobuf.proto', async () => {
    const failure = loadPayloadDecoder({
      payloadFormat: 'protobuf',
      protobuf: { proto: 'message {', messageType: 'A' },
    })
    await expect(failure).rejects.toMatchObject({
      code: ErrorCodes.INVALID_SERVICE_DEFINITION,
      details: [{ path: 'protobuf.proto', message: expect.stringMatching(/^the \.proto does not parse\. Line 1: /) }],
    })
  })

  it('lists the message types an uploaded .proto declares, nested ones too; a bad file names its line', async () => {
    const proto = `${READING_PROTO}\nmessage Batch { message Entry { Reading reading = 1; } repeated Entry entries = 1; }`
    expect(await protoMessageTypes(proto)).toEqual(['plant.Reading', 'plant.Batch', 'plant.Batch.Entry'])
    await expect(protoMessageTypes('syntax = "proto3";\nmessage A {\n  int32 a = 1\n}')).rejects.toMatchObject({
      code: ErrorCodes.INVALID_SERVICE_DEFINITION,
      details: [
        { path: 'protobuf.proto', message: "the .proto does not parse. Line 4: illegal token '}', ';' expected." },
      ],
    })
    await expect(protoMessageTypes('syntax = "proto3"; message A { Missing b = 1; }')).rejects.toMatchObject({
      details: [{ path: 'protobuf.proto', message: expect.stringContaining("no such Type or Enum 'Missing'") }],
    })
  })

  it('a message type the .proto lacks is INVALID_SERVICE_DEFINITION at protobuf.messageType, listing the types', async () => {
    const failure = loadPayloadDecoder({
      payloadFormat: 'protobuf',
      protobuf: { proto: READING_PROTO, messageType: 'plant.Sample' },
    })
    await expect(failure).rejects.toMatchObject({
      code: ErrorCodes.INVALID_SERVICE_DEFINITION,
      details: [
        {
          path: 'protobuf.messageType',
          message: "the .proto has no message type 'plant.Sample': choose one of plant.Reading.",
        },
      ],
    })
  })

  it('never runs generated code: protobuf decodes with Function unavailable (as under a strict CSP)', async () => {
    const decode = await loadPayloadDecoder({ payloadFormat: 'protobuf', protobuf })
    const cbor = await loadPayloadDecoder({ payloadFormat: 'cbor' })
    const [protobufBytes, cborBytes] = [toProtobuf(READINGS[0] as object), toCbor(READINGS)]
    const original = globalThis.Function
    const refuse = () => {
      throw new EvalError('Function is not allowed here')
    }
    globalThis.Function = new Proxy(original, { apply: refuse, construct: refuse })
    try {
      expect(decode?.(protobufBytes)).toEqual(READINGS[0])
      expect(cbor?.(cborBytes)).toEqual(READINGS)
    } finally {
      globalThis.Function = original
    }
  })
})

describe('decoded fields are inferred like JSON', () => {
  it('inferSchema over decoded MessagePack and CBOR records gives the same fields as over the same JSON', async () => {
    const json = READINGS.map((reading) => JSON.parse(JSON.stringify(reading)))
    const msgpack = await loadPayloadDecoder({ payloadFormat: 'msgpack' })
    const cbor = await loadPayloadDecoder({ payloadFormat: 'cbor' })
    const fromJson = inferSchema(json)
    expect(fromJson.fields.length).toBeGreaterThan(4)
    expect(inferSchema(READINGS.map((r) => msgpack?.(toMsgpack(r)))).fields).toEqual(fromJson.fields)
    expect(inferSchema(READINGS.map((r) => cbor?.(toCbor(r)))).fields).toEqual(fromJson.fields)
  })
})

describe('PayloadDecodeError', () => {
  it('says the format, shows the first 32 bytes in hex and keeps every byte', () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i)
    const error = new PayloadDecodeError('cbor', bytes, new Error('Unexpected end of CBOR data'))
    expect(error.code).toBe('TETHER_DECODE_FAILED')
    expect(error.message).toContain('not valid cbor (Unexpected end of CBOR data)')
    expect(error.message).toContain(`${hexPreview(bytes)}`)
    expect(hexPreview(bytes)).toMatch(/^00 01 02 .* 1f …$/)
    expect(error.bytes).toBe(bytes)
    expect(error.toJSON().details).toEqual([{ path: 'payload', message: `40 bytes: ${hexPreview(bytes)}` }])
  })
})

describe('detectPayloadFormat', () => {
  it('tells JSON, MessagePack and CBOR apart from the first bytes of real messages', () => {
    for (const reading of READINGS) {
      expect(detectPayloadFormat(toMsgpack(reading)).format).toBe('msgpack')
      expect(detectPayloadFormat(toCbor(reading)).format).toBe('cbor')
      expect(detectPayloadFormat(new TextEncoder().encode(` ${JSON.stringify(reading)}`)).format).toBe('json')
      expect(detectPayloadFormat(JSON.stringify([reading])).format).toBe('json')
    }
    // A map of 16+ entries uses the longer headers: MessagePack map16 (0xDE), CBOR 1-byte length (0xB8).
    const wide = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]))
    expect(detectPayloadFormat(toMsgpack(wide)).format).toBe('msgpack')
    expect(detectPayloadFormat(toCbor(wide)).format).toBe('cbor')
  })

  it('suggests nothing (and says why) for text, protobuf, empty and random bytes; never throws', () => {
    expect(detectPayloadFormat('hello')).toEqual({ format: undefined, reason: expect.any(String) })
    expect(detectPayloadFormat(new Uint8Array(0)).format).toBeUndefined()
    expect(detectPayloadFormat(toProtobuf(READINGS[0] as object)).format).toBeUndefined()
    for (let first = 0; first < 256; first++) {
      expect(detectPayloadFormat(new Uint8Array([first])).reason).not.toBe('')
    }
  })
})
