import { describe, expect, it } from 'vitest'
import { interpret } from './interpreter.js'
import { parseExpression } from './parser.js'

const run = (source: string, scope: Record<string, unknown> = {}, maxSteps?: number) =>
  interpret(parseExpression(source), scope, maxSteps)

const scope = {
  Variables: {
    heartratevariable: { dataSet: [{ time: 1, value: 95 }], lastRecord: { time: 1, value: 95 } },
    notLoaded: { dataSet: null },
  },
  Widgets: { message: { datavalue: 'hello' } },
  item: { username: 'user1', tags: ['a', 'b'], zero: 0, empty: '' },
  loggedInUser: { dataSet: { name: 'user1', id: 7, isAuthenticated: true } },
}

describe('reading the scope', () => {
  it('resolves identifiers and member paths from the scope only', () => {
    expect(run('Variables.heartratevariable.lastRecord.value', scope)).toBe(95)
    expect(run("Variables['heartratevariable'].dataSet[0]['time']", scope)).toBe(1)
    expect(run('Widgets.message.datavalue', scope)).toBe('hello')
    expect(run('item.tags.length + item.username.length', scope)).toBe(7)
    expect(run('item.tags[item.zero]', scope)).toBe('a')
    expect(run("item.username[0] + item.username['4']", scope)).toBe('u1')
  })

  it('gives undefined for missing paths at any depth, like optional chaining', () => {
    expect(run('Variables.employeeData.dataSet.length', scope)).toBeUndefined()
    expect(run('Variables.notLoaded.dataSet[0].name', scope)).toBeUndefined()
    expect(run('nothing.at.all', scope)).toBeUndefined()
    expect(run('item.tags[5]', scope)).toBeUndefined()
    expect(run('item.tags[-1]', scope)).toBeUndefined()
    expect(run('item.tags[1.5]', scope)).toBeUndefined()
    expect(run('item.tags.push', scope)).toBeUndefined()
    expect(run('item.username.toUpperCase', scope)).toBeUndefined()
    expect(run('item.zero.toFixed', scope)).toBeUndefined()
    expect(run('item[undefined]', scope)).toBeUndefined()
    expect(run('toString', scope)).toBeUndefined()
    expect(run('hasOwnProperty', scope)).toBeUndefined()
    expect(run('item.hasOwnProperty', scope)).toBeUndefined()
  })

  it('treats a non-object scope as empty', () => {
    expect(interpret(parseExpression('a'), null)).toBeUndefined()
    expect(interpret(parseExpression('1 + 1'), 'text')).toBe(2)
  })

  it('reads objects without a prototype', () => {
    const bare = Object.assign(Object.create(null), { a: 1 })
    expect(run('bare.a', { bare })).toBe(1)
  })

  it('refuses to read members of class instances, functions and built-ins, naming the kind', () => {
    class Employee {
      name = 'x'
    }
    expect(() => run('e.name', { e: new Employee() })).toThrow(/class instance/)
    expect(() => run('f.name', { f: () => 1 })).toThrow(/a function/)
    expect(() => run('d.getTime', { d: new Date() })).toThrow(/a Date/)
    expect(() => run('m.size', { m: new Map() })).toThrow(/a Map/)
  })

  it('refuses object keys in computed members', () => {
    expect(() => run('a[b]', { a: {}, b: {} })).toThrow(/must be text or a number/)
  })
})

describe('operators', () => {
  it('concatenates with + and shows missing values as empty text', () => {
    expect(run("'By ' + item.username", scope)).toBe('By user1')
    expect(run("'By ' + item.nobody + '!'", scope)).toBe('By !')
    expect(run("'n' + null", scope)).toBe('n')
    expect(run('1 + undefined')).toBeNaN()
    expect(run('null + 1')).toBe(1)
    expect(run("'v' + true + 2")).toBe('vtrue2')
  })

  it('never converts objects implicitly', () => {
    const hostile = { valueOf: () => 42, toString: () => 'owned' }
    expect(() => run("'x' + o", { o: hostile })).toThrow(/use '\| json'/)
    expect(run('o * 2', { o: hostile })).toBeNaN()
    expect(run('o == 42', { o: hostile })).toBe(false)
    expect(run("o == 'owned'", { o: hostile })).toBe(false)
    expect(run('o == o', { o: hostile })).toBe(true)
    expect(run('o < 100', { o: hostile })).toBe(false)
  })

  it('treats dates as epoch milliseconds in arithmetic and comparisons', () => {
    const d = new Date(1000)
    expect(run('d + 1', { d })).toBe(1001)
    expect(run('d < 2000', { d })).toBe(true)
  })

  it('follows JavaScript for primitive equality and comparison', () => {
    expect(run("1 == '1'")).toBe(true)
    expect(run("1 === '1'")).toBe(false)
    expect(run('null == undefined')).toBe(true)
    expect(run('null === undefined')).toBe(false)
    expect(run("'b' > 'a'")).toBe(true)
    expect(run("'10' < '9'")).toBe(true)
    expect(run("'10' < 9")).toBe(false)
    expect(run('null >= 0')).toBe(true)
    expect(run('undefined >= 0')).toBe(false)
    expect(run('5 % 3 - 7 / 2')).toBe(-1.5)
    expect(run('1 / 0')).toBe(Number.POSITIVE_INFINITY)
  })

  it('short-circuits &&, || and ?? and returns operand values', () => {
    expect(run('item.zero || item.empty || "fallback"', scope)).toBe('fallback')
    expect(run('item.zero ?? 5', scope)).toBe(0)
    expect(run('item.missing ?? item.username', scope)).toBe('user1')
    expect(run("item.username && 'yes'", scope)).toBe('yes')
    expect(run('item.empty && nothing.x', scope)).toBe('')
    // The right side is not evaluated: the unknown filter would throw.
    expect(run('true || (x | unknownFilter)')).toBe(true)
    expect(run('false ? (x | unknownFilter) : 1')).toBe(1)
  })

  it('applies unary operators', () => {
    expect(run('!item.username', scope)).toBe(false)
    expect(run('!!item.nobody', scope)).toBe(false)
    expect(run("-'3'")).toBe(-3)
    expect(run("+'abc'")).toBeNaN()
  })
})

describe('step limit', () => {
  it('stops an evaluation that visits more nodes than allowed', () => {
    expect(run('[1, 2, 3, 4]', {}, 5)).toEqual([1, 2, 3, 4])
    expect(() => run('[1, 2, 3, 4, 5]', {}, 5)).toThrow(/more than 5 steps/)
  })
})
