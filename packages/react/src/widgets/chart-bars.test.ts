import type uPlot from 'uplot'
import { describe, expect, it } from 'vitest'
import { barValueRange, buildOptions } from './Chart.js'

const structure = {
  type: 'column' as const,
  xKind: 'category' as const,
  seriesLabels: ['value'],
  spanGaps: false,
  xTitle: '',
  yTitle: '',
  xFormat: undefined,
  yFormat: undefined,
  height: 200,
}
const u = {} as uPlot

describe('bar charts', () => {
  it('start the value axis at 0, and go below it only for negative values', () => {
    expect(barValueRange(u, 60, 100)).toEqual([0, 105])
    expect(barValueRange(u, -10, 10)[0]).toBeLessThan(-10)
    expect(barValueRange(u, null, null)).toEqual([0, 0.05])
  })

  it('leave half a step either side of the bars, so the first and last are not cut', () => {
    const options = buildOptions(structure, 400, { current: ['a', 'b', 'c'] })
    const range = options.scales?.x?.range as (u: uPlot, min: number, max: number) => [number, number]
    expect(range(u, 0, 2)).toEqual([-0.5, 2.5])
    expect(options.scales?.y?.range).toBe(barValueRange)
    // Lines keep uPlot's own ranges.
    expect(buildOptions({ ...structure, type: 'line' }, 400, { current: [] }).scales?.y?.range).toBeUndefined()
  })
})
