import { isEpochMs, stringFormat } from './describe-shape.js'
import type { Shape } from './shape.js'

export type JsonSchema = Record<string, unknown>

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema'

/** Values a property is pinned to (a discriminator inside one message kind). */
export type Constants = ReadonlyMap<string, string>

/**
 * The JSON Schema of a shape. Every value that was observed validates against it; objects stay open
 * (no additionalProperties) because a sample never shows every field a server may send.
 */
export function shapeToJsonSchema(shape: Shape, key?: string, constants?: Constants): JsonSchema {
  const alternatives: JsonSchema[] = []
  if (shape.objects) alternatives.push(objectSchema(shape.objects, constants))
  if (shape.arrays) {
    alternatives.push(
      shape.arrays.items.seen > 0 ? { type: 'array', items: shapeToJsonSchema(shape.arrays.items) } : { type: 'array' },
    )
  }
  if (shape.strings) {
    const format = stringFormat(shape)
    alternatives.push(format === undefined ? { type: 'string' } : { type: 'string', format })
  }
  if (shape.fractions > 0) alternatives.push({ type: 'number' })
  else if (shape.integers) alternatives.push({ type: 'integer' })
  if (shape.booleans > 0) alternatives.push({ type: 'boolean' })
  // Unreadable or too-deep values: any value is allowed there.
  if (shape.unknowns > 0 || (shape.seen === 0 && shape.nulls === 0)) return withDescription({}, shape, key)
  if (shape.nulls > 0) alternatives.push({ type: 'null' })

  if (alternatives.length === 1) return withDescription(alternatives[0] ?? {}, shape, key)
  // Plain type alternatives fold into `type: [...]`; structured ones need anyOf.
  if (alternatives.every((a) => Object.keys(a).length === 1)) {
    return withDescription({ type: alternatives.map((a) => a.type) }, shape, key)
  }
  return withDescription({ anyOf: alternatives }, shape, key)
}

function withDescription(schema: JsonSchema, shape: Shape, key: string | undefined): JsonSchema {
  if (isEpochMs(shape, key)) return { ...schema, description: 'timestamp (epoch ms)' }
  return schema
}

function objectSchema(objects: NonNullable<Shape['objects']>, constants: Constants | undefined): JsonSchema {
  const properties: [string, JsonSchema][] = []
  const required: string[] = []
  for (const [name, prop] of objects.props) {
    const pinned = constants?.get(name)
    properties.push([name, pinned === undefined ? shapeToJsonSchema(prop, name) : { const: pinned }])
    if (prop.seen === objects.count) required.push(name)
  }
  // fromEntries defines own properties, so a key like "__proto__" stays a property.
  const schema: JsonSchema = { type: 'object', properties: Object.fromEntries(properties) }
  if (required.length > 0) schema.required = required
  return schema
}
