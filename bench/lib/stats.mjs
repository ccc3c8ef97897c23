// Latency histogram and summary statistics for the benchmarks.
// The histogram has log-spaced buckets (2% wide) so a run can record millions of deliveries in a
// fixed 1,100-slot array: percentiles are exact to within 2%, which is far finer than run-to-run noise.

const GROWTH = 1.02
const LOG_GROWTH = Math.log(GROWTH)
/** Highest recordable value, in microseconds (1,000 s). Larger values land in the last bucket. */
const MAX_MICROS = 1e9
const BUCKETS = Math.ceil(Math.log(MAX_MICROS) / LOG_GROWTH) + 1

export class Histogram {
  constructor() {
    this.counts = new Float64Array(BUCKETS)
    this.total = 0
    this.max = 0
  }

  /** Records one value in microseconds. */
  record(micros) {
    const v = Math.max(1, micros)
    let i = Math.floor(Math.log(v) / LOG_GROWTH)
    if (i >= BUCKETS) i = BUCKETS - 1
    this.counts[i]++
    this.total++
    if (v > this.max) this.max = v
  }

  /** The value at quantile q (0..1) in microseconds, or null when nothing was recorded. */
  quantile(q) {
    if (this.total === 0) return null
    const rank = Math.max(1, Math.ceil(q * this.total))
    let seen = 0
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]
      // Upper edge of the bucket, capped by the largest value seen so p100 is exact.
      if (seen >= rank) return Math.min(GROWTH ** (i + 1), this.max)
    }
    return this.max
  }

  reset() {
    this.counts.fill(0)
    this.total = 0
    this.max = 0
  }
}

export function median(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b)
  if (xs.length === 0) return null
  const mid = xs.length >> 1
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2
}

/** a ÷ b, or null when either side is missing (a scenario that failed or was skipped). */
export function ratio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return null
  return a / b
}

/** Formats a number for a report table: 3 significant figures, thousands separated. */
export function fmt(value, unit = '') {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  const abs = Math.abs(value)
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3
  const text = value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
  return unit ? `${text} ${unit}` : text
}

export function fmtRatio(value) {
  return value === null || value === undefined ? '—' : `${value.toFixed(2)}×`
}

export function fmtBytes(bytes) {
  if (bytes === null || bytes === undefined) return '—'
  if (Math.abs(bytes) >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`
  if (Math.abs(bytes) >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${Math.round(bytes)} B`
}
