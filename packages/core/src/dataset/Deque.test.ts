import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Deque } from './Deque.js'

type Op =
  | { kind: 'pushBack' | 'pushFront'; value: number }
  | { kind: 'popBack' | 'popFront' }
  | { kind: 'set'; index: number; value: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('pushBack' as const, 'pushFront' as const), value: fc.integer() }),
  fc.record({ kind: fc.constantFrom('popBack' as const, 'popFront' as const) }),
  fc.record({ kind: fc.constant('set' as const), index: fc.integer({ min: -2, max: 40 }), value: fc.integer() }),
)

describe('Deque', () => {
  it('behaves like an array used at both ends (property)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const deque = new Deque<number>(4)
        const model: number[] = []
        for (const o of ops) {
          if (o.kind === 'pushBack') {
            deque.pushBack(o.value)
            model.push(o.value)
          } else if (o.kind === 'pushFront') {
            deque.pushFront(o.value)
            model.unshift(o.value)
          } else if (o.kind === 'popBack') {
            expect(deque.popBack()).toBe(model.pop())
          } else if (o.kind === 'popFront') {
            expect(deque.popFront()).toBe(model.shift())
          } else {
            deque.set(o.index, o.value) // out of range: ignored
            if (o.index >= 0 && o.index < model.length) model[o.index] = o.value
          }
          expect(deque.size).toBe(model.length)
          expect(deque.toArray()).toEqual(model) // every step: the live range wraps around the buffer
        }
        expect(deque.toArray()).toEqual(model)
        for (let i = 0; i < model.length; i++) expect(deque.at(i)).toBe(model[i])
        expect(deque.at(model.length)).toBeUndefined()
      }),
    )
  })

  it('finds and removes an item in the middle, keeping order', () => {
    const deque = new Deque<string>()
    for (const s of ['a', 'b', 'c', 'b']) deque.pushBack(s)
    expect(deque.indexOf('b')).toBe(1)
    deque.removeAt(1)
    expect(deque.toArray()).toEqual(['a', 'c', 'b'])
    expect(deque.indexOf('z')).toBe(-1)
    deque.clear()
    expect(deque.size).toBe(0)
    expect(deque.popFront()).toBeUndefined()
  })
})
