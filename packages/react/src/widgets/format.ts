import { formatDate } from '@tether/core'

// One formatter per decimals setting (-1 = locale default), at most 22: `toLocaleString` with options
// builds a new Intl.NumberFormat per call, which dominated a streaming table's script time.
const numberFormats = new Map<number, Intl.NumberFormat>()

function numberFormat(digits: number): Intl.NumberFormat {
  let formatter = numberFormats.get(digits)
  if (!formatter) {
    formatter = new Intl.NumberFormat(
      undefined,
      digits >= 0 ? { minimumFractionDigits: digits, maximumFractionDigits: digits } : {},
    )
    numberFormats.set(digits, formatter)
  }
  return formatter
}

/**
 * Display formats for table columns and chart axes, written as strings in page files:
 * `date:hh:mm:ss a` (reference date tokens), `number` (locale grouping), `number:2` (2 decimals).
 */
export function formatValue(value: unknown, format?: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof format === 'string') {
    if (format.startsWith('date:')) {
      if (typeof value !== 'number' && typeof value !== 'string' && !(value instanceof Date)) return String(value)
      try {
        return formatDate(value, format.slice(5))
      } catch {
        return String(value)
      }
    }
    if (format === 'number' || format.startsWith('number:')) {
      const n = typeof value === 'number' ? value : Number(value)
      if (!Number.isFinite(n)) return String(value)
      const digits = format.startsWith('number:') ? Number(format.slice(7)) : undefined
      const fixed = digits !== undefined && Number.isInteger(digits) && digits >= 0 && digits <= 20
      return numberFormat(fixed ? digits : -1).format(n)
    }
  }
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value)
    } catch {
      return String(value)
    }
  }
  return String(value)
}

/** Reads `row[field]`, with dotted paths (`sender.name`) for nested messages; own properties only. */
export function readField(row: unknown, field: string): unknown {
  let current: unknown = row
  for (const part of field.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}
