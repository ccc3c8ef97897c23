import { ErrorCodes, TetherError } from '../errors.js'
import { PayloadDecodeError } from './decode-failed.js'
import type { PayloadFormatModule } from './decoder.js'
import { type BinaryPayloadFormat, binaryFormatOf, type PayloadDefinition } from './format.js'

/** Each format's decoder behind a dynamic import: an app whose services all speak JSON never downloads one. */
const LOADERS: Readonly<Record<BinaryPayloadFormat, () => Promise<PayloadFormatModule>>> = {
  msgpack: () => import('./msgpack.js'),
  cbor: () => import('./cbor.js'),
  protobuf: () => import('./protobuf.js'),
}

/**
 * Decodes one message's bytes, or throws a PayloadDecodeError (DECODE_FAILED) that keeps them.
 */
export type BinaryPayloadDecoder = (bytes: Uint8Array) => unknown

/**
 * The decoder of a service whose `payloadFormat` is binary (undefined for `json`). Loads the format's code
 * once; rejects with PROTOCOL_UNAVAILABLE when it cannot be loaded, and with INVALID_SERVICE_DEFINITION
 * for a `.proto` that does not parse or lacks the message type.
 */
export async function loadPayloadDecoder(definition: PayloadDefinition): Promise<BinaryPayloadDecoder | undefined> {
  const format = binaryFormatOf(definition)
  if (format === undefined) return undefined
  let module: PayloadFormatModule
  try {
    module = await LOADERS[format]()
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new TetherError(
      ErrorCodes.PROTOCOL_UNAVAILABLE,
      `The ${format} decoder could not be loaded (${reason}); check the network and try again.`,
      { cause },
    )
  }
  const decode = module.createDecoder(definition.protobuf)
  return (bytes) => {
    try {
      return decode(bytes)
    } catch (cause) {
      throw new PayloadDecodeError(format, bytes, cause)
    }
  }
}

/**
 * The message types an uploaded `.proto` declares (`["plant.Reading", "plant.Status"]`), to choose the
 * service's `messageType` from. Parses with the protobuf decoder's own rules, loaded on demand; a file
 * that does not parse rejects with INVALID_SERVICE_DEFINITION at `protobuf.proto`, naming the line.
 *
 * @example
 * const types = await protoMessageTypes(await file.text())
 */
export async function protoMessageTypes(proto: string): Promise<string[]> {
  const { parseProto, messageTypesOf } = await import('./protobuf.js')
  return messageTypesOf(parseProto(proto))
}
