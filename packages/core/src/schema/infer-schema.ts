import { disjointGroups, findDiscriminator } from './discriminator.js'
import { childPath, shapeToFields } from './fields.js'
import { JSON_SCHEMA_DIALECT, type JsonSchema, shapeToJsonSchema } from './json-schema.js'
import { isOmitted, type Shape, shapeOf } from './shape.js'
import type { InferredKind, InferredSchema, InferSchemaOptions } from './types.js'
import { declaration, discriminatedDeclaration, typeExpression, typeNameFor } from './typescript.js'

/** Samples looked at; more add cost without changing the picture. */
const MAX_SAMPLES = 1000

/** A text frame is JSON when it parses; anything else is plain text (a string message). */
function normalizeSample(sample: unknown): unknown {
  if (typeof sample !== 'string') return sample
  try {
    return JSON.parse(sample)
  } catch {
    return sample
  }
}

function samplesOf(input: unknown): unknown[] {
  let list: readonly unknown[]
  try {
    list = Array.isArray(input) ? input : [input]
  } catch {
    return [] // a revoked proxy cannot even be asked whether it is an array
  }
  const samples: unknown[] = []
  for (let i = 0; i < list.length && samples.length < MAX_SAMPLES; i++) {
    let sample: unknown
    try {
      sample = list[i]
    } catch {
      continue
    }
    if (!isOmitted(sample)) samples.push(normalizeSample(sample))
  }
  return samples
}

function rootSchema(name: string | undefined, body: JsonSchema): JsonSchema {
  return { $schema: JSON_SCHEMA_DIALECT, ...(name ? { title: name } : {}), ...body }
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    return undefined
  }
}

/**
 * Infers what a service's messages look like from one or many samples: a JSON Schema (2020-12), a flat
 * field list for binding, a TypeScript declaration and, when the samples are different kinds of message
 * told apart by a field such as `type`, that discriminator and one entry per kind. Samples may be values,
 * JSON text or plain text. An array is a list of samples (wrap an array message: `[message]`).
 * Never throws: cycles, deep nesting and non-JSON values are described as `unknown`.
 *
 * @example
 * inferSchema({ time: 1513152655902, value: 95 }, { name: 'heartrate' }).fields
 * // [{ path: 'time', type: 'timestamp (epoch ms)', … }, { path: 'value', type: 'integer', … }]
 */
export function inferSchema(samples: unknown, options?: InferSchemaOptions): InferredSchema {
  const given = safely(() => options?.name)
  const name = typeof given === 'string' && given !== '' ? given : undefined
  const typeName = typeNameFor(name)
  const list = samplesOf(samples)
  const overall = shapeOf(list)
  const fields = shapeToFields(overall)

  const discriminated = safely(() => findDiscriminator(list))
  if (discriminated) {
    const { field, groups } = discriminated
    const described = [...groups.keys()].map((v) => JSON.stringify(v)).join(', ')
    const fieldPath = childPath('', field)
    for (const f of fields) if (f.path === fieldPath) f.description = `one of ${described}`
    const parts = [...groups].map(([value, group]) => {
      const constants = new Map([[field, value]])
      return { value, shape: shapeOf(group), constants }
    })
    const kinds: InferredKind[] = parts.map(({ value, shape, constants }) => ({
      value,
      fields: shapeToFields(shape, constants),
      jsonSchema: shapeToJsonSchema(shape, undefined, constants),
    }))
    return {
      jsonSchema: rootSchema(name, { oneOf: kinds.map((kind) => kind.jsonSchema) }),
      fields,
      typescript: discriminatedDeclaration(typeName, parts),
      discriminator: field,
      kinds,
    }
  }

  const groups = safely(() => disjointGroups(list))
  if (groups) {
    const shapes: Shape[] = groups.map((group) => shapeOf(group))
    return {
      jsonSchema: rootSchema(name, { anyOf: shapes.map((shape) => shapeToJsonSchema(shape)) }),
      fields,
      typescript: `export type ${typeName} =\n${shapes.map((shape) => `  | ${typeExpression(shape, '  ')}`).join('\n')}\n`,
    }
  }

  return {
    jsonSchema: rootSchema(name, list.length === 0 ? {} : shapeToJsonSchema(overall)),
    fields,
    typescript: declaration(typeName, overall),
  }
}
