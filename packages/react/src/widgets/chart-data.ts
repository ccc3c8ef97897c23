import { isValid, parseISO } from 'date-fns'
import { readField } from './format.js'

export type ChartType = 'line' | 'area' | 'column' | 'bar' | 'pie'
export const chartTypes: readonly ChartType[] = ['line', 'area', 'column', 'bar', 'pie']

export interface ChartSeriesData {
  /** 'time': x is epoch ms (from epoch-ms numbers, Dates or ISO date strings); 'number': x is numeric; 'category': x is the position, `categories` label it. */
  xKind: 'time' | 'number' | 'category'
  x: number[]
  /** One array per y field; null where a record has no number. */
  ys: (number | null)[][]
  categories: string[]
  /** With a series field: the name of each y array (its records' value of that field). */
  seriesNames?: string[]
  /** With a series field: records of series beyond MAX_CHART_SERIES were left out. */
  seriesCapped?: boolean
}

/** The most lines one chart draws with a series field; records of further series are left out (reported). */
export const MAX_CHART_SERIES = 12

// Numbers this large read as epoch milliseconds (after 1973), the shape of streamed `time` fields.
const EPOCH_MS_FLOOR = 1e11

// ISO 8601 dates and date-times ("2025-01-01", "2025-01-01T08:40:00.000Z"): plotted on a time axis.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** Epoch ms of a Date or an ISO date string; null for anything else. */
function toTime(value: unknown): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime()
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return null
  const date = parseISO(value)
  return isValid(date) ? date.getTime() : null
}

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

interface XAxis {
  xKind: ChartSeriesData['xKind']
  x: number[]
  /** The records' indexes in x order. */
  order: number[]
  categories: string[]
}

/** Numeric x values are sorted ascending (uPlot requires it); anything else is plotted by position. */
function xAxisOf(rows: unknown[], xField: string, xFormat?: unknown): XAxis {
  const rawX = rows.map((row) => readField(row, xField))
  const numericX = rawX.length > 0 && rawX.every((v) => toNumber(v) !== null)
  const isDate = !numericX && rawX.length > 0 && rawX.every((v) => toTime(v) !== null)
  let order = rows.map((_, i) => i)
  if (!numericX && !isDate) {
    const categories = rawX.map((v) => (v === undefined || v === null ? '' : String(v)))
    return { xKind: 'category', x: order.slice(), order, categories }
  }
  const values = rawX.map((v) => (isDate ? toTime(v) : toNumber(v)) as number)
  const timeLike =
    isDate || (typeof xFormat === 'string' && xFormat.startsWith('date:')) || values.every((v) => v > EPOCH_MS_FLOOR)
  let sorted = true
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[i - 1] as number)) sorted = false
  if (!sorted) order = order.sort((a, b) => (values[a] as number) - (values[b] as number))
  return { xKind: timeLike ? 'time' : 'number', x: order.map((i) => values[i] as number), order, categories: [] }
}

/**
 * Turns records into uPlot's column arrays. Numeric x values are sorted ascending (uPlot requires
 * it); anything else is plotted by position with the values as category labels.
 */
export function toChartData(dataset: unknown, xField: string, yFields: string[], xFormat?: unknown): ChartSeriesData {
  const rows = Array.isArray(dataset) ? dataset : []
  const { xKind, x, order, categories } = xAxisOf(rows, xField, xFormat)
  const ys = yFields.map((field) => order.map((i) => toNumber(readField(rows[i], field))))
  return { xKind, x, ys, categories }
}

/**
 * One line per value of `seriesField` (a sensor id, a symbol): records `{ id, time, celsius }` of
 * several sensors in one dataset become one `celsius` series per `id`, named by it, in sorted order so
 * a series keeps its colour across reloads. Each x holds only its own record's value; the other
 * series are null there (gaps the chart spans). At most MAX_CHART_SERIES series (`seriesCapped`).
 */
export function toSeriesChartData(
  dataset: unknown,
  xField: string,
  yField: string,
  seriesField: string,
  xFormat?: unknown,
): ChartSeriesData {
  const all = Array.isArray(dataset) ? dataset : []
  const seriesOf = (row: unknown) => {
    const value = readField(row, seriesField)
    return value === undefined || value === null ? '' : String(value)
  }
  const allNames = [...new Set(all.map(seriesOf))].sort()
  const seriesNames = allNames.slice(0, MAX_CHART_SERIES)
  const seriesCapped = allNames.length > seriesNames.length
  const rows = seriesCapped ? all.filter((row) => seriesNames.includes(seriesOf(row))) : all
  const { xKind, x, order, categories } = xAxisOf(rows, xField, xFormat)
  const ys = seriesNames.map((name) =>
    order.map((i) => (seriesOf(rows[i]) === name ? toNumber(readField(rows[i], yField)) : null)),
  )
  return { xKind, x, ys, categories, seriesNames, seriesCapped }
}
