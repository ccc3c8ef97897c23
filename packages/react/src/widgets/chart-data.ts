import { readField } from './format.js'

export type ChartType = 'line' | 'area' | 'column' | 'bar' | 'pie'
export const chartTypes: readonly ChartType[] = ['line', 'area', 'column', 'bar', 'pie']

export interface ChartSeriesData {
  /** 'time': x is epoch ms; 'number': x is numeric; 'category': x is the position, `categories` label it. */
  xKind: 'time' | 'number' | 'category'
  x: number[]
  /** One array per y field; null where a record has no number. */
  ys: (number | null)[][]
  categories: string[]
}

// Numbers this large read as epoch milliseconds (after 1973), the shape of streamed `time` fields.
const EPOCH_MS_FLOOR = 1e11

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value)
    return Number.isFinite(n) ? n : null
  }
  return null
}

export function yFieldsOf(value: unknown): string[] {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

/**
 * Turns records into uPlot's column arrays. Numeric x values are sorted ascending (uPlot requires
 * it); anything else is plotted by position with the values as category labels.
 */
export function toChartData(dataset: unknown, xField: string, yFields: string[], xFormat?: unknown): ChartSeriesData {
  const rows = Array.isArray(dataset) ? dataset : []
  const rawX = rows.map((row) => readField(row, xField))
  const numericX = rawX.length > 0 && rawX.every((v) => toNumber(v) !== null)
  const isDate = rawX.length > 0 && rawX.every((v) => v instanceof Date)
  let order = rows.map((_, i) => i)
  let xKind: ChartSeriesData['xKind'] = 'category'
  let x: number[]
  if (numericX || isDate) {
    const values = rawX.map((v) => (v instanceof Date ? v.getTime() : (toNumber(v) as number)))
    const timeLike =
      isDate || (typeof xFormat === 'string' && xFormat.startsWith('date:')) || values.every((v) => v > EPOCH_MS_FLOOR)
    xKind = timeLike ? 'time' : 'number'
    let sorted = true
    for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[i - 1] as number)) sorted = false
    if (!sorted) order = order.sort((a, b) => (values[a] as number) - (values[b] as number))
    x = order.map((i) => values[i] as number)
  } else {
    x = rows.map((_, i) => i)
  }
  const ys = yFields.map((field) => order.map((i) => toNumber(readField(rows[i], field))))
  const categories = xKind === 'category' ? rawX.map((v) => (v === undefined || v === null ? '' : String(v))) : []
  return { xKind, x, ys, categories }
}
