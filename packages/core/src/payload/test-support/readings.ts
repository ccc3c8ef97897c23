import { encode as encodeMsgpack } from '@msgpack/msgpack'
import { encode as encodeCbor } from 'cbor-x'
import protobuf from 'protobufjs'

/** A plant sensor's readings: what every binary test sends and expects back. */
export const READINGS = [
  { sensor: 'fern', temperature: 21.5, humidity: 40, ok: true, tags: ['shade', 'north'] },
  { sensor: 'cactus', temperature: 30.25, humidity: 5, ok: false, tags: [] },
  { sensor: 'palm', temperature: -2.5, humidity: 100, ok: true, tags: ['south'] },
]

export const READING_PROTO = `syntax = "proto3";
package plant;
message Reading {
  string sensor = 1;
  double temperature = 2;
  int32 humidity = 3;
  bool ok = 4;
  repeated string tags = 5;
}
`

export const toMsgpack = (value: unknown): Uint8Array => encodeMsgpack(value)
export const toCbor = (value: unknown): Uint8Array => new Uint8Array(encodeCbor(value))

/** Encoded by protobufjs' own (generated) encoder: the decoder under test is checked against it. */
export function toProtobuf(value: object, proto = READING_PROTO, messageType = 'plant.Reading'): Uint8Array {
  const key = `${messageType}\n${proto}`
  let type = types.get(key)
  if (type === undefined) {
    type = protobuf.parse(proto).root.lookupType(messageType)
    types.set(key, type)
  }
  return type.encode(type.fromObject(value)).finish()
}
const types = new Map<string, protobuf.Type>()
