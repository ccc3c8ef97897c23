import { EvaluationFault } from './expression-errors.js'
import { formatDate } from './format-date.js'
import { toCurrencyFilter, toNumberFilter } from './format-number.js'
import { lookup } from './lookup.js'
import { toText } from './operators.js'
import { isPlainObject } from './safe-access.js'

/** A filter receives the piped value and its `:`-separated arguments, already evaluated. */
export type ExpressionFilter = (value: unknown, ...args: unknown[]) => unknown

const isBlank = (value: unknown) =>
  value === null || value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))

/**
 * The filters usable after `|`. A Map, not an object, so a name such as `constructor` is simply unknown.
 *
 * - `toDate:'hh:mm:ss a'` — see {@link formatDate}; '' for missing or invalid dates.
 * - `toNumber` / `toNumber:2` / `toNumber:'1.0-2'` — convert, or format with en-US grouping.
 * - `toCurrency:'USD'` / `toCurrency:'€':2` — currency code or symbol prefix.
 * - `lookup:list:'keyField':'valueField'` — indexed lookup in a list of records.
 * - `uppercase`, `lowercase` — text ('' for null/undefined).
 * - `default:'x'` — the fallback when the value is null, undefined, '' or NaN.
 * - `json` / `json:0` — JSON text (2-space indent by default); '' for undefined.
 * - `length` — length of an array or text, own-key count of an object; undefined otherwise.
 */
export const FILTERS: ReadonlyMap<string, ExpressionFilter> = new Map<string, ExpressionFilter>([
  [
    'toDate',
    (value, pattern) => (isBlank(value) ? '' : formatDate(value, pattern === undefined ? 'medium' : toText(pattern))),
  ],
  ['toNumber', (value, digits) => toNumberFilter(value, digits)],
  ['toCurrency', (value, currency, digits) => toCurrencyFilter(value, currency, digits)],
  ['lookup', (value, list, keyField, valueField) => lookup(value, list, keyField, valueField)],
  ['uppercase', (value) => toText(value).toUpperCase()],
  ['lowercase', (value) => toText(value).toLowerCase()],
  ['default', (value, fallback) => (isBlank(value) ? fallback : value)],
  ['json', json],
  ['length', length],
])

function json(value: unknown, indent: unknown = 2): string {
  if (value === undefined) return ''
  try {
    return JSON.stringify(value, null, typeof indent === 'number' ? Math.min(Math.max(indent, 0), 10) : 2) ?? ''
  } catch (cause) {
    throw new EvaluationFault(`json could not serialize the value: ${(cause as Error).message}`)
  }
}

function length(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length
  if (isPlainObject(value)) return Object.keys(value).length
  return undefined
}
