/**
 * A Shape accumulates what was observed at one position across samples: how often each JSON kind occurred,
 * integer ranges, string formats, object properties and array items. It is built from untrusted values,
 * so building never throws: cycles, too-deep nesting and unreadable values become `unknown`.
 */
export interface Shape {
  /** Values observed here, null included. */
  seen: number
  nulls: number
  booleans: number
  integers: { count: number; min: number; max: number } | undefined
  /** Numbers that are not integers (NaN and Infinity included: they are numbers, even if JSON writes null). */
  fractions: number
  strings: { count: number; dateTimes: number; dates: number; distinct: Set<string> } | undefined
  objects: { count: number; props: Map<string, Shape> } | undefined
  arrays: { count: number; items: Shape } | undefined
  unknowns: number
  /** The first scalar seen, for field descriptions. */
  example: unknown
}

/** Nesting deeper than this is recorded as `unknown` (a message nested 32 levels deep is not a message). */
export const MAX_DEPTH = 32
/** Elements examined per array and properties per object; enough to see a shape, bounded for huge samples. */
const MAX_ITEMS = 1000
/** Distinct string values remembered per position (used to find discriminators). */
const MAX_DISTINCT = 50

const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function emptyShape(): Shape {
  return {
    seen: 0,
    nulls: 0,
    booleans: 0,
    integers: undefined,
    fractions: 0,
    strings: undefined,
    objects: undefined,
    arrays: undefined,
    unknowns: 0,
    example: undefined,
  }
}

/** True for values JSON leaves out of objects (and so are not fields). */
export function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

export function observe(shape: Shape, value: unknown, depth = 0, ancestors: Set<object> = new Set()): void {
  shape.seen++
  try {
    observeValue(shape, value, depth, ancestors)
  } catch {
    // A getter or proxy threw while being read: the value exists but its shape cannot be known.
    shape.unknowns++
  }
}

function observeValue(shape: Shape, value: unknown, depth: number, ancestors: Set<object>): void {
  if (value === null || isOmitted(value)) {
    shape.nulls++ // JSON writes undefined/functions in arrays as null
    return
  }
  switch (typeof value) {
    case 'boolean':
      shape.booleans++
      remember(shape, value)
      return
    case 'bigint':
      observeInteger(shape, Number(value))
      remember(shape, `${value}`)
      return
    case 'number':
      if (Number.isInteger(value)) observeInteger(shape, value)
      else shape.fractions++
      remember(shape, value)
      return
    case 'string':
      observeString(shape, value)
      return
  }
  const object = value as object
  if (object instanceof Date) {
    observeString(shape, Number.isNaN(object.getTime()) ? '' : object.toISOString())
    return
  }
  if (depth >= MAX_DEPTH || ancestors.has(object)) {
    shape.unknowns++
    return
  }
  ancestors.add(object)
  try {
    if (Array.isArray(object)) observeArray(shape, object, depth, ancestors)
    else observeObject(shape, object, depth, ancestors)
  } finally {
    ancestors.delete(object)
  }
}

function remember(shape: Shape, value: unknown): void {
  if (shape.example === undefined) shape.example = value
}

function observeInteger(shape: Shape, value: number): void {
  shape.integers ??= { count: 0, min: value, max: value }
  const ints = shape.integers
  ints.count++
  ints.min = Math.min(ints.min, value)
  ints.max = Math.max(ints.max, value)
}

function observeString(shape: Shape, value: string): void {
  shape.strings ??= { count: 0, dateTimes: 0, dates: 0, distinct: new Set() }
  const strings = shape.strings
  strings.count++
  if (RFC3339_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) strings.dateTimes++
  else if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) strings.dates++
  if (strings.distinct.size < MAX_DISTINCT) strings.distinct.add(value)
  remember(shape, value)
}

function observeArray(shape: Shape, array: readonly unknown[], depth: number, ancestors: Set<object>): void {
  shape.arrays ??= { count: 0, items: emptyShape() }
  const arrays = shape.arrays
  arrays.count++
  const length = Math.min(array.length, MAX_ITEMS)
  for (let i = 0; i < length; i++) observe(arrays.items, array[i], depth + 1, ancestors)
}

function observeObject(shape: Shape, object: object, depth: number, ancestors: Set<object>): void {
  const keys = Object.keys(object).slice(0, MAX_ITEMS)
  shape.objects ??= { count: 0, props: new Map() }
  const objects = shape.objects
  objects.count++
  for (const key of keys) {
    let child: unknown
    let unreadable = false
    try {
      child = (object as Record<string, unknown>)[key]
    } catch {
      unreadable = true
    }
    if (!unreadable && isOmitted(child)) continue
    let prop = objects.props.get(key)
    if (prop === undefined) {
      prop = emptyShape()
      objects.props.set(key, prop)
    }
    if (unreadable) {
      prop.seen++
      prop.unknowns++
    } else {
      observe(prop, child, depth + 1, ancestors)
    }
  }
}

/** The shape of all samples together. */
export function shapeOf(samples: readonly unknown[]): Shape {
  const shape = emptyShape()
  for (const sample of samples) observe(shape, sample)
  return shape
}
