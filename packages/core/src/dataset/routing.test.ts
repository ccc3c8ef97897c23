import { describe, expect, it } from 'vitest'
import { DatasetRouter } from './routing.js'

describe('DatasetRouter', () => {
  it('routes by discriminator into named datasets, each with its own policy', () => {
    const router = new DatasetRouter({
      field: 'type',
      datasets: {
        trade: { dataLimit: 2 },
        quote: { onNewData: 'upsert', keyField: 'symbol' },
        status: { onNewData: 'refresh' },
      },
    })
    expect(router.route({ type: 'trade', price: 1 })).toBe(true)
    router.route({ type: 'trade', price: 2 })
    router.route({ type: 'trade', price: 3 })
    router.route({ type: 'quote', symbol: 'A', bid: 1 })
    router.route({ type: 'quote', symbol: 'B', bid: 5 })
    router.route({ type: 'quote', symbol: 'A', bid: 2 })
    router.route({ type: 'status', up: false })
    router.route({ type: 'status', up: true })
    expect(router.route({ type: 'unknown' })).toBe(false)
    expect(router.route('text')).toBe(false)
    expect(router.route({ price: 9 })).toBe(false)
    const lists = router.lists()
    expect(lists.trade).toEqual([
      { type: 'trade', price: 2 },
      { type: 'trade', price: 3 },
    ])
    expect(lists.quote).toEqual([
      { type: 'quote', symbol: 'A', bid: 2 },
      { type: 'quote', symbol: 'B', bid: 5 },
    ])
    expect(lists.status).toEqual([{ type: 'status', up: true }])
    expect(router.lists()).toBe(lists)
  })

  it('rejects a missing field and an invalid route policy', () => {
    expect(() => new DatasetRouter({ field: '', datasets: {} })).toThrow(/routes.field/)
    expect(() => new DatasetRouter({ field: 'type', datasets: { a: { onNewData: 'upsert' } } })).toThrow(
      /routes.datasets.a.keyField/,
    )
  })
})

describe('DatasetRouter by channel', () => {
  it('without a field, a message goes to the dataset named like its channel', () => {
    const router = new DatasetRouter({ datasets: { tick: {}, chat: { onNewData: 'refresh' } } })
    expect(router.route({ n: 1 }, 'tick')).toBe(true)
    router.route({ n: 2 }, 'tick')
    router.route('hello', 'chat')
    expect(router.route({ n: 3 }, 'other')).toBe(false)
    expect(router.route({ n: 4 })).toBe(false)
    expect(router.lists()).toEqual({ tick: [{ n: 1 }, { n: 2 }], chat: ['hello'] })
  })
})
