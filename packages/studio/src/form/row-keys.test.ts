import { describe, expect, it } from 'vitest'
import { nextRowKeys } from './row-keys.js'

const start = <Row>(rows: Row[]) => nextRowKeys<Row>({ rows: [], keys: [], next: 0 }, rows)

describe('nextRowKeys', () => {
  const a = { name: 'a' }
  const b = { name: 'b' }
  const c = { name: 'c' }

  it('gives every row its own key', () => {
    expect(start([a, b, c]).keys).toEqual([0, 1, 2])
  })

  it('keeps the key of a row that moved, and of a row edited in place', () => {
    const first = start([a, b, c])
    expect(nextRowKeys(first, [b, c]).keys).toEqual([1, 2])
    expect(nextRowKeys(first, [a, { name: 'b2' }, c]).keys).toEqual([0, 1, 2])
  })

  it('gives a new key to a row that is new, never one used before', () => {
    const first = start([a, b])
    const removed = nextRowKeys(first, [b])
    expect(nextRowKeys(removed, [b, { name: '' }]).keys).toEqual([1, 2])
  })

  it('tells apart rows that are the same object twice', () => {
    const keyed = start([a, a])
    expect(keyed.keys).toEqual([0, 1])
    expect(nextRowKeys(keyed, [a]).keys).toEqual([0])
  })
})
