import protobuf from 'protobufjs'
import { ErrorCodes, TetherError } from '../errors.js'
import type { PayloadDecoder } from './decoder.js'
import type { ProtobufPayload } from './format.js'
import { readMessage } from './protobuf-reader.js'

/** A definition problem found only once the `.proto` is parsed (a variable does that when it connects). */
function invalidProto(path: string, message: string): TetherError {
  return new TetherError(ErrorCodes.INVALID_SERVICE_DEFINITION, `Invalid protobuf payload: ${message}`, {
    details: [{ path, message }],
  })
}

/**
 * Parses a `.proto` with the maintained `protobufjs` and resolves every type it uses. A file that does not
 * parse is INVALID_SERVICE_DEFINITION at `protobuf.proto`, its message starting with the line protobufjs
 * stopped at ("Line 4: illegal token '}', ';' expected."), so the user knows where to look.
 */
export function parseProto(proto: string): protobuf.Root {
  try {
    const root = protobuf.parse(proto, { keepCase: true }).root
    root.resolveAll()
    return root
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    const line = /\(line (\d+)\)$/.exec(reason)
    const what = line ? `Line ${line[1]}: ${reason.slice(0, line.index).trim()}` : reason
    throw invalidProto('protobuf.proto', `the .proto does not parse. ${what}.`)
  }
}

/** The message types a parsed `.proto` declares, fully qualified without the leading dot (`plant.Reading`). */
export function messageTypesOf(root: protobuf.Root): string[] {
  const types: string[] = []
  const walk = (namespace: protobuf.NamespaceBase) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type) types.push(nested.fullName.slice(1))
      if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) walk(nested)
    }
  }
  walk(root)
  return types
}

/**
 * Protocol Buffers: the `.proto` is parsed by `parseProto` and each message decoded by walking its
 * reflected fields (`protobuf-reader.ts`) — never `Type.decode`, which generates code with `Function`. A
 * `.proto` that does not parse or lacks the message type is INVALID_SERVICE_DEFINITION.
 */
export function createDecoder(definition?: ProtobufPayload): PayloadDecoder {
  if (definition === undefined)
    throw invalidProto('protobuf', 'a protobuf service needs "protobuf": { proto, messageType }.')
  const root = parseProto(definition.proto)
  const type = root.lookup(definition.messageType)
  if (!(type instanceof protobuf.Type)) {
    const declared = messageTypesOf(root)
    const choose = declared.length > 0 ? `choose one of ${declared.join(', ')}` : 'it declares no message type'
    throw invalidProto('protobuf.messageType', `the .proto has no message type '${definition.messageType}': ${choose}.`)
  }
  return (bytes) => {
    const reader = protobuf.Reader.create(bytes)
    return readMessage(reader, type, reader.len, 0)
  }
}
