import type { InferredField } from '@tether/core'
import { describe, expect, it } from 'vitest'
import { chartAxesFromFields } from './chart-defaults.js'

const field = (path: string, type: string): InferredField =>
  ({ path, type, optional: false, nullable: false, description: '' }) as InferredField

describe('chartAxesFromFields', () => {
  it('puts the time field on x and the numeric fields on y', () => {
    expect(chartAxesFromFields([field('time', 'timestamp (epoch ms)'), field('value', 'integer')])).toEqual({
      xField: 'time',
      yField: 'value',
    })
    expect(
      chartAxesFromFields([
        field('symbol', 'string'),
        field('bid', 'number'),
        field('ask', 'number'),
        field('x.y', 'number'),
      ]),
    ).toEqual({ xField: 'symbol', yField: 'bid,ask' })
  })

  it('proposes nothing without a numeric field or anything to put on x', () => {
    expect(chartAxesFromFields([field('time', 'timestamp (ISO 8601)'), field('note', 'string')])).toBeNull()
    expect(chartAxesFromFields([field('value', 'number')])).toBeNull()
  })
})
