import type { InferredField } from '@tether/core'

const isTime = (field: InferredField) => /^(timestamp|date)/.test(field.type)
const isNumber = (field: InferredField) => field.type === 'number' || field.type === 'integer'
// Nested fields (`a.b`, `items[].id`) are not plotted by default: a chart reads top-level record fields.
const isTopLevel = (field: InferredField) => !/[.[]/.test(field.path)

/**
 * A chart's axes when its dataset is bound for the first time: x is the time field (else the first
 * text field), y every other numeric field, comma-separated as the chart reads it. Null when the
 * dataset has no numeric field to plot.
 *
 * @example
 * chartAxesFromFields(fields) // { xField: 'time', yField: 'value' } for heart-rate readings
 */
export function chartAxesFromFields(fields: readonly InferredField[]): { xField: string; yField: string } | null {
  const plain = fields.filter(isTopLevel)
  const x = plain.find(isTime) ?? plain.find((field) => field.type === 'string')
  const ys = plain.filter((field) => field !== x && isNumber(field)).map((field) => field.path)
  if (!x || ys.length === 0) return null
  return { xField: x.path, yField: ys.join(',') }
}
