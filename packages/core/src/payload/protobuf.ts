import protobuf from 'protobufjs'
import { ErrorCodes, TetherError } from '../errors.js'
import type { PayloadDecoder } from './decoder.js'
import type { ProtobufPayload } from './format.js'
import { readMessage } from './protobuf-reader.js'

/** A definition problem found only once the `.proto` is parsed (the variable does that when it connects). */
function invalidProto(path: string, message: string): TetherError {
  return new TetherError(ErrorCodes.INVALID_SERVICE_DEFINITION, `Invalid protobuf payload: ${message}`, {
    details: [{ path, message }],
  })
}

/**
 * Protocol Buffers: the `.proto` is parsed by the maintained `protobufjs` and each message decoded by
 * walking its reflected fields (`protobuf-reader.ts`) — never `Type.decode`, which generates code with
 * `Function`. A `.proto` that does not parse or lacks the message type is INVALID_SERVICE_DEFINITION.
 */
export function createDecoder(definition?: ProtobufPayload): PayloadDecoder {
  if (definition === undefined)
    throw invalidProto('protobuf', 'a protobuf service needs "protobuf": { proto, messageType }.')
  let root: protobuf.Root
  try {
    root = protobuf.parse(definition.proto, { keepCase: true }).root
    root.resolveAll()
  } catch (cause) {
    throw invalidProto(
      'protobuf.proto',
      `the .proto does not parse (${cause instanceof Error ? cause.message : String(cause)}).`,
    )
  }
  const type = root.lookup(definition.messageType)
  if (!(type instanceof protobuf.Type)) {
    throw invalidProto('protobuf.messageType', `the .proto has no message type '${definition.messageType}'.`)
  }
  return (bytes) => {
    const reader = protobuf.Reader.create(bytes)
    return readMessage(reader, type, reader.len, 0)
  }
}
