import { EvaluationFault } from './expression-errors.js'

/** Number formats are built once per distinct option set; the cache is cleared when it reaches this size. */
const FORMATTER_CACHE_SIZE = 100
const formatters = new Map<string, Intl.NumberFormat>()

/** A number from a number or numeric text; NaN for anything else ('' and whitespace included). */
export function toNumeric(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '') return Number(value)
  return Number.NaN
}

/**
 * Angular digits info (`'1.0-2'` = at least 1 integer digit, 0 to 2 fraction digits) or, the short
 * form pages use most (`toNumber:2`), a plain fraction size (exactly 2 fraction digits).
 */
function parseDigits(digits: unknown, defaults: { min: number; max: number }): Intl.NumberFormatOptions {
  if (digits === undefined || digits === null || digits === '') {
    return { minimumFractionDigits: defaults.min, maximumFractionDigits: defaults.max }
  }
  const text = String(digits)
  const fractionSize = /^\d{1,3}$/.exec(text)
  if (fractionSize !== null) {
    const size = clamp(Number(text), 0, 100)
    return { minimumFractionDigits: size, maximumFractionDigits: size }
  }
  const info = /^(\d{1,3})?\.(\d{1,3})?(?:-(\d{1,3}))?$/.exec(text)
  if (info === null) {
    throw new EvaluationFault(
      `Digits '${text}' are not valid: use a fraction size like 2 or Angular digits like '1.0-2'`,
    )
  }
  const minimumIntegerDigits = clamp(Number(info[1] ?? 1), 1, 21)
  const minimumFractionDigits = clamp(Number(info[2] ?? 0), 0, 100)
  const maximumFractionDigits = Math.max(minimumFractionDigits, clamp(Number(info[3] ?? defaults.max), 0, 100))
  return { minimumIntegerDigits, minimumFractionDigits, maximumFractionDigits }
}

/**
 * `value | toNumber` converts numeric text to a number (undefined when it is not numeric) so it can take
 * part in arithmetic. `value | toNumber:2` or `value | toNumber:'1.0-2'` formats it for display as the
 * reference does, with en-US grouping ("1,234.50"); non-numeric input gives ''.
 */
export function toNumberFilter(value: unknown, digits?: unknown): number | string | undefined {
  const number = toNumeric(value)
  if (digits === undefined) return Number.isNaN(number) ? undefined : number
  if (Number.isNaN(number)) return ''
  return formatter(parseDigits(digits, { min: 0, max: 3 })).format(number)
}

/**
 * `value | toCurrency:'USD'` formats with an ISO 4217 code ("$1,234.50");
 * `value | toCurrency:'€':2` (a symbol, not a code, as many pages write it) puts any other symbol before the formatted number. Non-numeric input gives ''.
 */
export function toCurrencyFilter(value: unknown, currency: unknown = 'USD', digits?: unknown): string {
  const number = toNumeric(value)
  if (Number.isNaN(number)) return ''
  const symbol = currency === undefined || currency === null ? '' : String(currency)
  if (/^[A-Za-z]{3}$/.test(symbol)) {
    const options = digits === undefined ? {} : parseDigits(digits, { min: 2, max: 2 })
    return formatter({ style: 'currency', currency: symbol.toUpperCase(), ...options }).format(number)
  }
  return symbol + formatter(parseDigits(digits, { min: 2, max: 2 })).format(number)
}

function formatter(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options)
  let cached = formatters.get(key)
  if (cached === undefined) {
    try {
      cached = new Intl.NumberFormat('en-US', options)
    } catch (cause) {
      throw new EvaluationFault(`Number format is not valid: ${(cause as Error).message}`)
    }
    if (formatters.size >= FORMATTER_CACHE_SIZE) formatters.clear()
    formatters.set(key, cached)
  }
  return cached
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
