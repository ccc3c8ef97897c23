import type uPlot from 'uplot'
import { describe, expect, it } from 'vitest'
import { buildOptions } from './Chart.js'
import { toChartData } from './chart-data.js'
import { TIME_STEPS, timeTickLabels, timeTickPattern, timeValueLabel } from './time-axis.js'

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
// Local time, so the expected labels do not depend on the machine's time zone.
const t0 = new Date(2025, 0, 1, 10, 41, 36).getTime()
const ticks = (step: number, count: number) => Array.from({ length: count }, (_, i) => t0 + i * step)

describe('time axis tick labels', () => {
  it('read as clock times with seconds while ticks are seconds apart (a heartrate stream)', () => {
    expect(timeTickLabels(ticks(SECOND, 3), SECOND)).toEqual(['10:41:36', '10:41:37', '10:41:38'])
    expect(timeTickLabels(ticks(15 * SECOND, 2), 15 * SECOND)).toEqual(['10:41:36', '10:41:51'])
  })

  it('drop the seconds for minute and hour steps within a day', () => {
    expect(timeTickLabels(ticks(5 * MINUTE, 2), 5 * MINUTE)).toEqual(['10:41', '10:46'])
    expect(timeTickLabels(ticks(3 * HOUR, 3), 3 * HOUR)).toEqual(['10:41', '13:41', '16:41'])
  })

  it('add the day when ticks fall on several days, and show dates or months for day steps', () => {
    expect(timeTickLabels(ticks(12 * HOUR, 3), 12 * HOUR)).toEqual(['Jan 1 10:41', 'Jan 1 22:41', 'Jan 2 10:41'])
    expect(timeTickLabels(ticks(7 * DAY, 2), 7 * DAY)).toEqual(['Jan 1', 'Jan 8'])
    expect(timeTickLabels(ticks(31 * DAY, 2), 31 * DAY)).toEqual(['Jan 2025', 'Feb 2025'])
  })

  it('never print milliseconds for whole-second steps', () => {
    for (const step of TIME_STEPS)
      for (const days of [false, true]) expect(timeTickPattern(step, days)).not.toContain('S')
    expect(Math.min(...TIME_STEPS)).toBe(SECOND)
  })
})

describe('time axis cursor value', () => {
  it('is to the second, with milliseconds for sub-second ranges and the date for multi-day ranges', () => {
    expect(timeValueLabel(t0 + 250, 10 * SECOND)).toBe('10:41:36')
    expect(timeValueLabel(t0 + 250, 500)).toBe('10:41:36.250')
    expect(timeValueLabel(t0, 3 * DAY)).toBe('2025-01-01 10:41:36')
  })
})

describe('charts with a time x field', () => {
  const structure = {
    type: 'line' as const,
    xKind: 'time' as const,
    seriesLabels: ['value'],
    spanGaps: false,
    xTitle: '',
    yTitle: '',
    xFormat: undefined as unknown,
    yFormat: undefined,
    height: 200,
  }
  const u = { scales: { x: { min: t0, max: t0 + 10 * SECOND } } } as unknown as uPlot

  it('label ticks and the cursor as clock times when no xFormat is set', () => {
    const options = buildOptions(structure, 400, { current: [] })
    const values = options.axes?.[0]?.values as uPlot.Axis.DynamicValues
    expect(values(u, ticks(2 * SECOND, 2), 0, 50, 2 * SECOND)).toEqual(['10:41:36', '10:41:38'])
    expect(options.axes?.[0]?.incrs).toBe(TIME_STEPS)
    expect(options.series[0]?.value?.(u, t0 + 250, 0, 0)).toBe('10:41:36')
  })

  it('keep an explicit xFormat for ticks and cursor', () => {
    const options = buildOptions({ ...structure, xFormat: 'date:hh:mm a' }, 400, { current: [] })
    const values = options.axes?.[0]?.values as uPlot.Axis.DynamicValues
    expect(values(u, [t0], 0, 50, SECOND)).toEqual(['10:41 AM'])
    expect(options.series[0]?.value?.(u, t0, 0, 0)).toBe('10:41 AM')
  })

  it('show the category as the cursor value of a category axis', () => {
    const options = buildOptions({ ...structure, xKind: 'category' }, 400, { current: ['Mon', 'Tue'] })
    expect(options.series[0]?.value?.(u, 1, 0, 1)).toBe('Tue')
  })

  it('read ISO date strings as time, and leave other strings as categories', () => {
    const iso = toChartData(
      [
        { at: '2025-01-01T10:41:38Z', v: 2 },
        { at: '2025-01-01T10:41:36Z', v: 1 },
      ],
      'at',
      ['v'],
    )
    expect(iso.xKind).toBe('time')
    expect(iso.x).toEqual([Date.UTC(2025, 0, 1, 10, 41, 36), Date.UTC(2025, 0, 1, 10, 41, 38)])
    expect(iso.ys).toEqual([[1, 2]])
    expect(toChartData([{ at: 'Monday', v: 1 }], 'at', ['v']).xKind).toBe('category')
    expect(toChartData([{ at: 2024, v: 1 }], 'at', ['v']).xKind).toBe('number')
  })
})
