import protobuf from 'protobufjs'

/** Deepest nesting of messages read: hostile bytes cannot recurse the stack away. */
export const MAX_PROTOBUF_DEPTH = 64

const { Enum, Type, types } = protobuf
const WIRE_LENGTH_DELIMITED = 2

/** The scalar types, read by the Reader method of the same name (`reader.int32()`…). */
type Scalar = keyof typeof types.basic

/** A 64-bit integer as a number when it fits exactly, else its decimal text (as protobufjs' `longs: String`). */
function longValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  // A Long of the `long` package (protobufjs' dependency); its typing in protobufjs lists only the fields.
  const long = value as { toNumber(): number; toString(): string }
  const number = long.toNumber()
  return Number.isSafeInteger(number) ? number : long.toString()
}

function scalar(reader: protobuf.Reader, type: string): unknown {
  const read = (reader as unknown as Record<string, (() => unknown) | undefined>)[type]
  if (!Object.hasOwn(types.basic, type) || typeof read !== 'function')
    throw new Error(`unsupported field type '${type}'`)
  return longValue(read.call(reader))
}

/** The wire type a value of this field is written with (length-delimited for messages, strings, bytes). */
function wireTypeOf(field: protobuf.FieldBase): number {
  if (field.resolvedType instanceof Type) return WIRE_LENGTH_DELIMITED
  if (field.resolvedType instanceof Enum) return 0
  return types.basic[field.type as Scalar] ?? WIRE_LENGTH_DELIMITED
}

/** A default per field, as proto3 omits zero values on the wire: records keep the same fields. */
function defaults(type: protobuf.Type): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const field of type.fieldsArray) {
    if (field.map) record[field.name] = {}
    else if (field.repeated) record[field.name] = []
    else if (field.partOf !== null || field.resolvedType instanceof Type) continue
    else if (field.resolvedType instanceof Enum) record[field.name] = field.resolvedType.valuesById[0] ?? 0
    else if (field.type === 'string') record[field.name] = ''
    else if (field.type === 'bytes') record[field.name] = new Uint8Array(0)
    else if (field.type === 'bool') record[field.name] = false
    else record[field.name] = 0
  }
  return record
}

function value(reader: protobuf.Reader, field: protobuf.FieldBase, type: string, depth: number): unknown {
  const resolved = field.resolvedType
  if (resolved instanceof Type) return readMessage(reader, resolved, lengthEnd(reader), depth + 1)
  if (resolved instanceof Enum) {
    const number = reader.int32()
    return resolved.valuesById[number] ?? number
  }
  return scalar(reader, type)
}

/** Reads a length prefix; the end it gives must lie inside the buffer (a truncated message). */
function lengthEnd(reader: protobuf.Reader): number {
  const end = reader.uint32() + reader.pos
  if (end > reader.len) throw new RangeError(`a length of ${end - reader.pos} runs past the end of the message`)
  return end
}

function mapEntry(reader: protobuf.Reader, field: protobuf.MapField, depth: number): [string, unknown] {
  const end = lengthEnd(reader)
  let key: unknown = field.keyType === 'string' ? '' : 0
  let entry: unknown
  while (reader.pos < end) {
    const tag = reader.uint32()
    if (tag >>> 3 === 1) key = scalar(reader, field.keyType)
    else if (tag >>> 3 === 2) entry = value(reader, field, field.type, depth)
    else reader.skipType(tag & 7)
  }
  return [String(key), entry]
}

/**
 * Decodes one message of `type` from `reader` up to `end` by reflection over its fields (no generated
 * code). Unknown fields are skipped, as protobuf requires; a field whose wire type does not match the
 * `.proto` (the wrong message type, or not protobuf at all) and a message cut short are errors.
 */
export function readMessage(
  reader: protobuf.Reader,
  type: protobuf.Type,
  end: number,
  depth: number,
): Record<string, unknown> {
  if (depth > MAX_PROTOBUF_DEPTH) throw new RangeError(`messages are nested deeper than ${MAX_PROTOBUF_DEPTH}`)
  const record = defaults(type)
  while (reader.pos < end) {
    const tag = reader.uint32()
    const wire = tag & 7
    const field = type.fieldsById[tag >>> 3]
    if (field === undefined) {
      if (tag >>> 3 === 0 || wire === 4) throw new RangeError(`invalid tag ${tag} at byte ${reader.pos}`)
      reader.skipType(wire)
      continue
    }
    const expected = wireTypeOf(field)
    if (field instanceof protobuf.MapField) {
      const [key, entry] = mapEntry(reader, field, depth)
      // Defined, not assigned: a key read off the wire may be "__proto__".
      Object.defineProperty(record[field.name], key, {
        value: entry,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    } else if (field.repeated && wire === WIRE_LENGTH_DELIMITED && expected !== WIRE_LENGTH_DELIMITED) {
      const packedEnd = lengthEnd(reader) // packed: many scalars in one length-delimited run
      const list = record[field.name] as unknown[]
      while (reader.pos < packedEnd) list.push(value(reader, field, field.type, depth))
    } else if (wire !== expected) {
      throw new TypeError(
        `field '${field.name}' (${field.id}) arrived with wire type ${wire}, the .proto says ${expected}`,
      )
    } else if (field.repeated) {
      ;(record[field.name] as unknown[]).push(value(reader, field, field.type, depth))
    } else {
      record[field.name] = value(reader, field, field.type, depth)
    }
  }
  if (reader.pos !== end) throw new RangeError('the message ends inside a field')
  return record
}
