import { describe, expect, it } from 'vitest'
import { appendBounded, emptyBoundedList } from './message-log.js'

describe('appendBounded', () => {
  it('keeps every item while under the limit', () => {
    let list = emptyBoundedList<number>()
    for (let i = 1; i <= 3; i++) list = appendBounded(list, i, 5)
    expect(list).toEqual({ items: [1, 2, 3], dropped: 0 })
  })

  it('keeps the newest items and counts the dropped ones', () => {
    let list = emptyBoundedList<number>()
    for (let i = 1; i <= 205; i++) list = appendBounded(list, i, 200)
    expect(list.items).toHaveLength(200)
    expect(list.items[0]).toBe(6)
    expect(list.items.at(-1)).toBe(205)
    expect(list.dropped).toBe(5)
  })

  it('returns a new list and leaves the old one unchanged', () => {
    const before = appendBounded(emptyBoundedList<string>(), 'a', 2)
    const after = appendBounded(before, 'b', 2)
    expect(before.items).toEqual(['a'])
    expect(after.items).toEqual(['a', 'b'])
  })

  it('drops everything with a zero limit', () => {
    expect(appendBounded(emptyBoundedList<number>(), 1, 0)).toEqual({ items: [], dropped: 1 })
  })
})
