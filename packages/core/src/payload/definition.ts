import * as z from 'zod'
import type { ErrorDetail } from '../errors.js'
import type { ServiceProtocol } from '../protocols/names.js'
import { MAX_PROTO_CHARS, PAYLOAD_FORMATS } from './format.js'

/** Protocols whose messages may be bytes; GraphQL results and SSE events are always text. */
const BINARY_CAPABLE: readonly ServiceProtocol[] = ['websocket', 'socket.io', 'stomp', 'mqtt']

/** A dotted protobuf name (`Reading`, `plant.Reading`), optionally with a leading dot. */
const MESSAGE_TYPE = /^\.?[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

export const payloadFormatSchema = z.enum(PAYLOAD_FORMATS, {
  error: `payloadFormat must be one of ${PAYLOAD_FORMATS.join(', ')}.`,
})

export const protobufPayloadSchema = z.strictObject(
  {
    proto: z
      .string({ error: 'protobuf.proto must be the .proto source text.' })
      .min(1, { error: 'protobuf.proto is empty: paste the .proto source.' })
      .max(MAX_PROTO_CHARS, {
        error: `protobuf.proto must be at most ${MAX_PROTO_CHARS.toLocaleString('en-US')} characters.`,
      }),
    messageType: z
      .string({ error: 'protobuf.messageType must be a string.' })
      .regex(MESSAGE_TYPE, { error: 'protobuf.messageType must be a message name such as "plant.Reading".' }),
  },
  { error: 'protobuf must be an object like { "proto": "syntax = \\"proto3\\"; …", "messageType": "Reading" }.' },
)

/** Rules between `payloadFormat`, `protobuf` and `protocol` (their shapes are checked by the schemas above). */
export function payloadDetails(raw: Record<string, unknown>, protocol: ServiceProtocol | undefined): ErrorDetail[] {
  const details: ErrorDetail[] = []
  const format = raw.payloadFormat
  if (format === 'protobuf' && raw.protobuf === undefined) {
    details.push({
      path: 'protobuf',
      message: 'A protobuf service needs "protobuf": { "proto": "…", "messageType": "…" }.',
    })
  }
  if (raw.protobuf !== undefined && format !== 'protobuf') {
    details.push({
      path: 'protobuf',
      message: 'protobuf is only read with "payloadFormat": "protobuf"; set it or remove protobuf.',
    })
  }
  const name = protocol ?? 'websocket'
  if (typeof format === 'string' && format !== 'json' && !BINARY_CAPABLE.includes(name)) {
    details.push({
      path: 'payloadFormat',
      message: `A ${name} service carries text only: its payloadFormat can only be json.`,
    })
  }
  return details
}
