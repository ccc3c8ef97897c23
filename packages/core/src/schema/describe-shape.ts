import type { Shape } from './shape.js'
import type { FieldKind, FieldType } from './types.js'

/** 2000-01-01 and 2100-01-01 in epoch ms: integers in between, under a time-like name, are timestamps. */
const EPOCH_MS_MIN = 946_684_800_000
const EPOCH_MS_MAX = 4_102_444_800_000
const TIME_LIKE_NAME = /^(?:time|timestamp|date|datetime|ts|at|when)$|[_-](?:time|timestamp|date|at|ts)$/i
const TIME_LIKE_CAMEL_CASE = /[a-z0-9](?:Time|Timestamp|Date|At|Ts)$/

/** time, timestamp, date, sent_at, createdAt… — but not `format` or `status`. */
export function isTimeLikeName(key: string | undefined): boolean {
  return key !== undefined && (TIME_LIKE_NAME.test(key) || TIME_LIKE_CAMEL_CASE.test(key))
}

export function isEpochMs(shape: Shape, key: string | undefined): boolean {
  const ints = shape.integers
  return (
    ints !== undefined &&
    shape.fractions === 0 &&
    ints.min >= EPOCH_MS_MIN &&
    ints.max <= EPOCH_MS_MAX &&
    isTimeLikeName(key)
  )
}

/** String format shared by every string seen here, if any. */
export function stringFormat(shape: Shape): 'date-time' | 'date' | undefined {
  const strings = shape.strings
  if (strings === undefined || strings.count === 0) return undefined
  if (strings.dateTimes === strings.count) return 'date-time'
  if (strings.dates === strings.count) return 'date'
  return undefined
}

/** The kinds observed at a position, null excluded (it is reported as `nullable`), in a fixed order. */
export function kindsOf(shape: Shape, key: string | undefined): FieldKind[] {
  const kinds: FieldKind[] = []
  if (shape.objects) kinds.push('object')
  if (shape.arrays) kinds.push('array')
  if (shape.strings) {
    const format = stringFormat(shape)
    kinds.push(format === 'date-time' ? 'timestamp (ISO 8601)' : format === 'date' ? 'date (ISO 8601)' : 'string')
  }
  if (shape.fractions > 0) kinds.push('number')
  else if (shape.integers) kinds.push(isEpochMs(shape, key) ? 'timestamp (epoch ms)' : 'integer')
  if (shape.booleans > 0) kinds.push('boolean')
  if (shape.unknowns > 0) kinds.push('unknown')
  if (kinds.length === 0) kinds.push(shape.nulls > 0 ? 'null' : 'unknown')
  return kinds
}

export function fieldTypeOf(shape: Shape, key: string | undefined): FieldType {
  return kindsOf(shape, key).join(' | ') as FieldType
}

function exampleText(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}

/** Units and formats first (what a binder needs), else an example value. */
export function describeShape(shape: Shape, key: string | undefined): string {
  if (isEpochMs(shape, key)) return 'epoch ms'
  const format = stringFormat(shape)
  if (format === 'date-time') return 'ISO 8601 date-time'
  if (format === 'date') return 'ISO 8601 date'
  if (shape.example !== undefined) return `e.g. ${exampleText(shape.example)}`
  return ''
}
