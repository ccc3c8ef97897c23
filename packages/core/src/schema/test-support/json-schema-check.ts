// A checker for the JSON Schema subset inferSchema emits (type, const, properties, required, items, anyOf,
// oneOf, format). Tests use it to show that every sample validates against its inferred schema.
type Schema = Record<string, unknown>

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function hasType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null
    case 'boolean':
      return typeof value === 'boolean'
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number'
    case 'string':
      return typeof value === 'string'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isObject(value)
    default:
      throw new Error(`unexpected type ${String(type)}`)
  }
}

export function validates(schema: Schema, value: unknown): boolean {
  if ('const' in schema && schema.const !== value) return false
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    if (!types.some((t) => hasType(value, t))) return false
  }
  if (schema.format === 'date-time' || schema.format === 'date') {
    if (typeof value === 'string' && Number.isNaN(Date.parse(value))) return false
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>
    for (const key of Object.keys(properties)) {
      if (Object.hasOwn(value, key) && !validates(properties[key] as Schema, value[key])) return false
    }
    for (const key of (schema.required ?? []) as string[]) if (!Object.hasOwn(value, key)) return false
  }
  if (Array.isArray(value) && isObject(schema.items)) {
    if (!value.every((item) => validates(schema.items as Schema, item))) return false
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s: Schema) => validates(s, value))) return false
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s: Schema) => validates(s, value)).length !== 1) return false
  return true
}
