import { describe, expect, it } from 'vitest'
import { MAX_CHART_SERIES, toSeriesChartData } from './chart-data.js'

describe('a chart with a series field', () => {
  it('draws one line per value of the field, in sorted order, each record on its own line only', () => {
    const readings = [
      { id: 'fern', time: 3000, celsius: 19.5 },
      { id: 'basil', time: 1000, celsius: 22 },
      { id: 'fern', time: 2000, celsius: 19 },
      { id: 'basil', time: 4000, celsius: 22.4 },
    ]
    expect(toSeriesChartData(readings, 'time', 'celsius', 'id')).toEqual({
      xKind: 'number',
      x: [1000, 2000, 3000, 4000],
      ys: [
        [22, null, null, 22.4],
        [null, 19, 19.5, null],
      ],
      categories: [],
      seriesNames: ['basil', 'fern'],
      seriesCapped: false,
    })
  })

  it(`keeps at most ${MAX_CHART_SERIES} series and says so`, () => {
    const readings = Array.from({ length: MAX_CHART_SERIES + 3 }, (_, i) => ({
      id: `s${String(i).padStart(2, '0')}`,
      time: 1_700_000_000_000 + i,
      value: i,
    }))
    const data = toSeriesChartData(readings, 'time', 'value', 'id')
    expect(data.seriesNames).toHaveLength(MAX_CHART_SERIES)
    expect(data.seriesCapped).toBe(true)
    expect(data.x).toHaveLength(MAX_CHART_SERIES)
    expect(data.xKind).toBe('time')
  })

  it('reads a record without the field as the series "" and a non-number as a gap', () => {
    const data = toSeriesChartData(
      [
        { time: 1, v: 'x' },
        { id: 'a', time: 2, v: 3 },
      ],
      'time',
      'v',
      'id',
    )
    expect(data.seriesNames).toEqual(['', 'a'])
    expect(data.ys).toEqual([
      [null, null],
      [null, 3],
    ])
  })
})
