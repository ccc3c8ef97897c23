import { describeShape, fieldTypeOf } from './describe-shape.js'
import type { Constants } from './json-schema.js'
import type { Shape } from './shape.js'
import type { InferredField } from './types.js'

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `a` + `b` → `a.b`; keys that are not identifiers are quoted: `a["x y"]`. */
export function childPath(parent: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${parent}[${JSON.stringify(key)}]`
  return parent === '' ? key : `${parent}.${key}`
}

/**
 * The flat field list of a shape, in the order fields were first seen: properties as `a.b`, array items as
 * `items[]` (then `items[].id`). A root that is not an object is listed as the field `''` (the message).
 */
export function shapeToFields(shape: Shape, constants?: Constants): InferredField[] {
  const fields: InferredField[] = []
  if (shape.seen === 0) return fields
  const rootIsOnlyObject = shape.objects !== undefined && fieldTypeOf(shape, undefined) === 'object'
  if (!rootIsOnlyObject) fields.push(field('', shape, undefined, false))
  collect(shape, '', fields, constants)
  return fields
}

function field(path: string, shape: Shape, key: string | undefined, optional: boolean, pinned?: string): InferredField {
  return {
    path,
    type: fieldTypeOf(shape, key),
    optional,
    nullable: shape.nulls > 0,
    description: pinned === undefined ? describeShape(shape, key) : `always ${JSON.stringify(pinned)}`,
  }
}

function collect(shape: Shape, path: string, fields: InferredField[], constants?: Constants): void {
  if (shape.objects) {
    for (const [key, prop] of shape.objects.props) {
      const propPath = childPath(path, key)
      fields.push(field(propPath, prop, key, prop.seen < shape.objects.count, constants?.get(key)))
      collect(prop, propPath, fields)
    }
  }
  if (shape.arrays && shape.arrays.items.seen > 0) {
    const itemPath = `${path}[]`
    fields.push(field(itemPath, shape.arrays.items, undefined, false))
    collect(shape.arrays.items, itemPath, fields)
  }
}
