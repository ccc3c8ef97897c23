import { format, isValid, parseISO } from 'date-fns'

/**
 * Angular's named formats, in Angular tokens: `toDate` speaks Angular DatePipe's pattern language,
 * which page authors already write. Plus `'timestamp'`: the epoch milliseconds, for sorting and keys.
 */
const NAMED_PATTERNS: Record<string, string> = {
  short: 'M/d/yy, h:mm a',
  medium: 'MMM d, y, h:mm:ss a',
  long: 'MMMM d, y, h:mm:ss a z',
  full: 'EEEE, MMMM d, y, h:mm:ss a zzzz',
  shortDate: 'M/d/yy',
  mediumDate: 'MMM d, y',
  longDate: 'MMMM d, y',
  fullDate: 'EEEE, MMMM d, y',
  shortTime: 'h:mm a',
  mediumTime: 'h:mm:ss a',
  longTime: 'h:mm:ss a z',
  fullTime: 'h:mm:ss a zzzz',
}

/** Angular token letter → date-fns token for a run of `n` letters. Letters not listed are literal text (as in Angular). */
const TOKEN_TRANSLATIONS: Record<string, (n: number) => string> = {
  y: (n) => 'y'.repeat(n),
  Y: (n) => 'y'.repeat(n), // people write YYYY meaning the calendar year (moment.js habit)
  M: (n) => 'M'.repeat(Math.min(n, 5)),
  L: (n) => 'L'.repeat(Math.min(n, 5)),
  d: (n) => 'd'.repeat(Math.min(n, 2)),
  D: (n) => 'd'.repeat(Math.min(n, 2)), // day of month (moment.js habit); date-fns' D is day of year
  E: (n) => (n <= 3 ? 'EEE' : 'E'.repeat(Math.min(n, 6))),
  a: (n) => (n <= 3 ? 'a' : 'a'.repeat(Math.min(n, 5))), // Angular a–aaa is "PM"; date-fns aaa would be "pm"
  B: (n) => 'B'.repeat(Math.min(n, 5)),
  h: (n) => 'h'.repeat(Math.min(n, 2)),
  H: (n) => 'H'.repeat(Math.min(n, 2)),
  k: (n) => 'k'.repeat(Math.min(n, 2)),
  K: (n) => 'K'.repeat(Math.min(n, 2)),
  m: (n) => 'm'.repeat(Math.min(n, 2)),
  s: (n) => (n === 3 ? 'SSS' : 's'.repeat(Math.min(n, 2))), // AngularJS `sss` is milliseconds
  S: (n) => 'S'.repeat(Math.min(n, 6)),
  Z: (n) => (n <= 3 ? 'xx' : n === 4 ? 'OOOO' : 'xxx'),
  z: (n) => (n <= 3 ? 'z' : 'zzzz'),
  O: (n) => (n === 1 ? 'O' : 'OOOO'),
  G: (n) => 'G'.repeat(n <= 3 ? 1 : Math.min(n, 5)),
  w: (n) => 'I'.repeat(Math.min(n, 2)), // Angular's week of year is the ISO week
}

const translations = new Map<string, string>()
const TRANSLATION_CACHE_SIZE = 200

/**
 * Formats a date with Angular DatePipe's pattern tokens (what page authors already write), in local time:
 * `formatDate(1507809721548, 'hh:mm:ss a')` → "05:32:01 PM". Accepts epoch milliseconds, numeric strings,
 * ISO 8601 strings (a date without time is local midnight) and Date objects. Named patterns `short`,
 * `medium` (the default), `long`, `full`, `shortDate`…`fullTime` and `timestamp` (epoch ms as text) work too.
 * Text in single quotes is literal (`''` is a quote), as are letters that are not tokens. Returns '' for
 * null, undefined, '' and anything that is not a valid date; it never throws, so a binding shows empty.
 */
export function formatDate(value: unknown, pattern = 'medium'): string {
  const date = toDate(value)
  if (date === undefined) return ''
  if (pattern === 'timestamp') return String(date.getTime())
  const translated = toDateFnsPattern(NAMED_PATTERNS[pattern] ?? pattern)
  if (translated === '') return '' // date-fns throws a TypeError on an empty pattern
  try {
    return format(date, translated)
  } catch {
    return ''
  }
}

/** The value as a valid Date, or undefined. */
export function toDate(value: unknown): Date | undefined {
  let date: Date | undefined
  if (value instanceof Date) date = value
  else if (typeof value === 'number') date = new Date(value)
  else if (typeof value === 'string') {
    const text = value.trim()
    if (text === '') return undefined
    if (/^-?\d+(?:\.\d+)?$/.test(text)) date = new Date(Number(text))
    else {
      date = parseISO(text)
      if (!isValid(date)) date = new Date(text)
    }
  }
  return date !== undefined && isValid(date) ? date : undefined
}

/** Rewrites an Angular pattern into a date-fns pattern: tokens translated, everything else quoted. */
export function toDateFnsPattern(pattern: string): string {
  const cached = translations.get(pattern)
  if (cached !== undefined) return cached
  let out = ''
  let literal = ''
  const flushLiteral = () => {
    // date-fns reads '' as a quote both inside and outside quoted text, so a literal starting with a quote
    // gets its leading quotes as '' and the rest quoted; `''''` would otherwise read as two quotes.
    const leadingQuotes = /^'*/.exec(literal)![0].length
    const rest = literal.slice(leadingQuotes)
    out += "''".repeat(leadingQuotes) + (rest === '' ? '' : `'${rest.replaceAll("'", "''")}'`)
    literal = ''
  }
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i]!
    if (c === "'") {
      // Quoted text; '' inside or outside quotes is one quote. An unterminated quote runs to the end.
      let j = i + 1
      for (; j < pattern.length; j++) {
        if (pattern[j] !== "'") literal += pattern[j]
        else if (pattern[j + 1] === "'") literal += pattern[j++]
        else break
      }
      if (j === i + 1) literal += "'"
      i = j + 1
      continue
    }
    let run = 1
    while (pattern[i + run] === c) run++
    const translate = TOKEN_TRANSLATIONS[c]
    if (translate !== undefined && Object.hasOwn(TOKEN_TRANSLATIONS, c)) {
      flushLiteral()
      out += translate(run)
    } else {
      literal += c.repeat(run)
    }
    i += run
  }
  flushLiteral()
  if (translations.size >= TRANSLATION_CACHE_SIZE) translations.clear()
  translations.set(pattern, out)
  return out
}
