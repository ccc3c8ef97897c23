/**
 * How a service's messages are encoded. `json` is text as today (JSON, else XML, else the text; binary
 * frames stay bytes); the others decode binary frames and broker payloads.
 */
export const PAYLOAD_FORMATS = ['json', 'msgpack', 'cbor', 'protobuf'] as const

export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number]

/** A binary format: its messages are bytes to decode, never text. */
export type BinaryPayloadFormat = Exclude<PayloadFormat, 'json'>

/** What a `protobuf` service carries in its definition to decode its messages. */
export interface ProtobufPayload {
  /** The `.proto` source text (proto2 or proto3), as uploaded with the service. */
  proto: string
  /** The message type each payload is, fully qualified when the `.proto` has a package (`plant.Reading`). */
  messageType: string
}

/** The longest `.proto` source a definition may carry, in characters (a service file stays small). */
export const MAX_PROTO_CHARS = 262_144

/** The payload side of a service definition, as a variable needs it. */
export interface PayloadDefinition {
  payloadFormat?: PayloadFormat
  protobuf?: ProtobufPayload
}

/** The binary format to decode, or undefined for `json` (the default). */
export function binaryFormatOf(definition: PayloadDefinition): BinaryPayloadFormat | undefined {
  const format = definition.payloadFormat
  return format === undefined || format === 'json' ? undefined : format
}
