import { describe, expect, it } from 'vitest'
import { record, redo, startHistory, undo } from './history.js'

describe('undo history', () => {
  it('undoes and redoes in order; a new change clears redo', () => {
    let h = startHistory(1)
    h = record(h, 2)
    h = record(h, 3)
    h = undo(h)
    expect(h.present).toBe(2)
    h = undo(h)
    expect(h.present).toBe(1)
    expect(undo(h)).toBe(h)
    h = redo(h)
    expect(h.present).toBe(2)
    h = record(h, 9)
    expect(h.future).toEqual([])
    expect(redo(h)).toBe(h)
  })

  it('keeps at most the limit of undo steps', () => {
    let h = startHistory(0)
    for (let i = 1; i <= 150; i++) h = record(h, i, 100)
    expect(h.past).toHaveLength(100)
    expect(h.past[0]).toBe(50)
  })

  it('ignores a change to the same state', () => {
    const h = startHistory({ a: 1 })
    expect(record(h, h.present)).toBe(h)
  })
})
