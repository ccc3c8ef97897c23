import { compileExpression } from '@tether/core'
import { describe, expect, it } from 'vitest'
import { kindFields, messageKinds, routedDatasetExpression } from './message-kinds.js'

const market = {
  name: 'market',
  url: 'ws://x/market',
  samples: {
    responses: [
      { type: 'trade', id: 't1', price: 10.5, time: 1513152655902 },
      { type: 'trade', id: 't2', price: 11.25, time: 1513152656902 },
      '{"type":"price-update","symbol":"A","bid":1,"ask":2}',
    ],
  },
}

describe('message kinds of a service', () => {
  it("proposes the discriminator and each kind's fields from the samples", () => {
    const { discriminator, kinds } = messageKinds(market)
    expect(discriminator).toBe('type')
    expect(kinds.map((k) => k.value).sort()).toEqual(['price-update', 'trade'])
    expect(kindFields(market, 'type', 'trade').map((f) => f.path)).toEqual(['type', 'id', 'price', 'time'])
    expect(kindFields(market, 'type', 'price-update').map((f) => f.path)).toEqual(['type', 'symbol', 'bid', 'ask'])
    expect(kindFields(market, 'type', 'nope')).toEqual([])
  })

  it('filters the samples by another routing field than the inferred one', () => {
    const fields = kindFields(market, 'symbol', 'A')
    expect(fields.map((f) => f.path)).toEqual(['type', 'symbol', 'bid', 'ask'])
    expect(messageKinds({ name: 'none', url: 'ws://x' })).toEqual({ discriminator: undefined, kinds: [] })
  })

  it('writes identifiers with a dot and other names in brackets, both valid expressions', () => {
    expect(routedDatasetExpression('m', 'trade')).toBe('Variables.m.datasets.trade')
    expect(routedDatasetExpression('m', 'price-update')).toBe("Variables.m.datasets['price-update']")
    expect(routedDatasetExpression('m', "it's")).toBe("Variables.m.datasets['it\\'s']")
    const scope = { Variables: { m: { datasets: { "it's": [1], 'price-update': [2], '1': [3] } } } }
    for (const [kind, expected] of [
      ["it's", [1]],
      ['price-update', [2]],
      ['1', [3]],
    ] as const)
      expect(compileExpression(routedDatasetExpression('m', kind)).evaluate(scope)).toEqual(expected)
  })
})
