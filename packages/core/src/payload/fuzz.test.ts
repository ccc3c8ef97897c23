import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError, type TetherError } from '../errors.js'
import { type BinaryPayloadDecoder, loadPayloadDecoder } from './load.js'
import { READING_PROTO, READINGS, toCbor, toMsgpack, toProtobuf } from './test-support/readings.js'

const READINGS_SAMPLE = READINGS[0] as object

/** A proto whose fields clash in type with plant.Reading's: the "wrong .proto" a user might pick. */
const WRONG_PROTO = `syntax = "proto3";
message Other { int64 sensor = 1; string temperature = 2; Other humidity = 3; repeated double ok = 4; map<string, int32> tags = 5; }`

const decoders: Record<string, BinaryPayloadDecoder> = {}
for (const [name, definition] of Object.entries({
  msgpack: { payloadFormat: 'msgpack' },
  cbor: { payloadFormat: 'cbor' },
  protobuf: { payloadFormat: 'protobuf', protobuf: { proto: READING_PROTO, messageType: 'plant.Reading' } },
  wrongProto: { payloadFormat: 'protobuf', protobuf: { proto: WRONG_PROTO, messageType: 'Other' } },
} as const)) {
  decoders[name] = (await loadPayloadDecoder(definition)) as BinaryPayloadDecoder
}

/** Decodes, and fails the property on anything but a value or a coded DECODE_FAILED that kept the bytes. */
function decodesOrFailsCleanly(decode: BinaryPayloadDecoder, bytes: Uint8Array): 'value' | 'error' {
  try {
    decode(bytes)
    return 'value'
  } catch (error) {
    expect(isTetherError(error, ErrorCodes.DECODE_FAILED)).toBe(true)
    expect((error as { bytes: Uint8Array }).bytes).toBe(bytes)
    return 'error'
  }
}

const record = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.string(),
    fc.boolean(),
    fc.array(fc.integer(), { maxLength: 5 }),
  ),
  { minKeys: 1, maxKeys: 8 },
)
const reading = fc.record({
  sensor: fc.string(),
  temperature: fc.double({ noNaN: true }),
  humidity: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  ok: fc.boolean(),
  tags: fc.array(fc.string(), { maxLength: 4 }),
})
const RUNS = { numRuns: 300 }

/** `[tag, length varint, …inner]` around `inner`, `depth` times: Other.humidity holds another Other. */
function nestedProtobuf(depth: number): Uint8Array {
  let inner: number[] = []
  for (let level = 0; level < depth; level++) {
    const length: number[] = []
    for (let n = inner.length; ; n >>>= 7) {
      if (n < 0x80) {
        length.push(n)
        break
      }
      length.push((n & 0x7f) | 0x80)
    }
    inner = [0x1a, ...length, ...inner]
  }
  return Uint8Array.from(inner)
}

// Generous: these run hundreds of cases, and the machine may be busy; a hang still fails the test.
describe('decoders under hostile bytes: a value or TETHER_DECODE_FAILED, never a crash or a hang', {
  timeout: 60_000,
}, () => {
  it.each(Object.keys(decoders))('%s: random bytes', (name) => {
    const decode = decoders[name] as BinaryPayloadDecoder
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => void decodesOrFailsCleanly(decode, bytes)),
      RUNS,
    )
  })

  it.each([
    ['msgpack', toMsgpack],
    ['cbor', toCbor],
  ] as const)('%s: every truncated message is DECODE_FAILED (a value is self-delimiting)', (name, encode) => {
    const decode = decoders[name] as BinaryPayloadDecoder
    fc.assert(
      fc.property(record, fc.nat(), (value, cut) => {
        const bytes = encode(value)
        expect(decodesOrFailsCleanly(decode, bytes.subarray(0, cut % bytes.length))).toBe('error')
      }),
      RUNS,
    )
  })

  it('protobuf: a truncated message decodes (cut between fields) or is DECODE_FAILED', () => {
    const decode = decoders.protobuf as BinaryPayloadDecoder
    fc.assert(
      fc.property(reading, fc.nat(), (value, cut) => {
        const bytes = toProtobuf(value)
        decodesOrFailsCleanly(decode, bytes.subarray(0, bytes.length === 0 ? 0 : cut % bytes.length))
      }),
      RUNS,
    )
  })

  it('protobuf with the wrong .proto: DECODE_FAILED (or a value), never a crash', () => {
    const decode = decoders.wrongProto as BinaryPayloadDecoder
    let errors = 0
    fc.assert(
      fc.property(reading, (value) => {
        if (decodesOrFailsCleanly(decode, toProtobuf(value)) === 'error') errors++
      }),
      RUNS,
    )
    expect(errors).toBeGreaterThan(0) // the clashing wire types are noticed, not silently misread every time
  })

  it('any .proto text and any message type: a decoder or INVALID_SERVICE_DEFINITION at protobuf.*, never a crash', async () => {
    const lines = fc.constantFrom(
      'syntax = "proto3";',
      'syntax = "proto2";',
      'package plant;',
      'message Reading {',
      'message {',
      '}',
      '  string sensor = 1;',
      '  repeated Reading nested = 2;',
      '  Missing other = 3;',
      '  map<string, int32> tags = 4;',
      'enum State { OK = 0; }',
      'import "other.proto";',
      'option java_package = "x";',
      '  oneof kind { int32 a = 5; string b = 6; }',
    )
    const source = fc.oneof(
      fc.string({ maxLength: 120 }),
      fc.array(lines, { maxLength: 12 }).map((l) => l.join('\n')),
    )
    const messageType = fc.oneof(
      fc.constantFrom('Reading', 'plant.Reading', '.plant.Reading', 'State', 'x.y'),
      fc.string(),
    )
    await fc.assert(
      fc.asyncProperty(source, messageType, async (proto, type) => {
        try {
          const decode = await loadPayloadDecoder({ payloadFormat: 'protobuf', protobuf: { proto, messageType: type } })
          decodesOrFailsCleanly(decode as BinaryPayloadDecoder, toProtobuf(READINGS_SAMPLE))
        } catch (error) {
          expect(isTetherError(error, ErrorCodes.INVALID_SERVICE_DEFINITION)).toBe(true)
          expect((error as TetherError).details.map((d) => d.path)).toEqual([
            expect.stringMatching(/^protobuf\.(proto|messageType)$/),
          ])
        }
      }),
      RUNS,
    )
  })

  it('deeply nested input is refused, not a stack overflow', () => {
    const depth = 100_000
    const msgpack = new Uint8Array(depth + 1).fill(0x91) // fixarray(1) inside fixarray(1)…
    msgpack[depth] = 0x00
    const cbor = new Uint8Array(depth + 1).fill(0x81) // array(1) inside array(1)…
    cbor[depth] = 0x00
    decodesOrFailsCleanly(decoders.msgpack as BinaryPayloadDecoder, msgpack) // an explicit stack: may decode
    decodesOrFailsCleanly(decoders.cbor as BinaryPayloadDecoder, cbor)
    const wrongProto = decoders.wrongProto as BinaryPayloadDecoder
    expect(decodesOrFailsCleanly(wrongProto, nestedProtobuf(60))).toBe('value')
    expect(decodesOrFailsCleanly(wrongProto, nestedProtobuf(1_000))).toBe('error') // beyond MAX_PROTOBUF_DEPTH
  })
})
