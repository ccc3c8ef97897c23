import { describe, expect, it } from 'vitest'
import { ErrorCodes } from '../errors.js'
import { evaluateExpression } from './compile.js'
import { formatDate } from './format-date.js'
import { catchTetherError } from './test-support/catch-error.js'

const run = (source: string, scope: Record<string, unknown> = {}) => evaluateExpression(source, scope)
const failure = (source: string, scope: Record<string, unknown> = {}) =>
  catchTetherError(() => run(source, scope), ErrorCodes.EXPRESSION_EVALUATION)

describe('toDate', () => {
  const time = new Date(2017, 9, 12, 17, 32, 1).getTime()

  it("formats a chat message's epoch time with the chat example's pattern", () => {
    expect(run("item.time | toDate:'hh:mm:ss a'", { item: { time } })).toBe('05:32:01 PM')
    expect(run('item.time | toDate', { item: { time } })).toBe(formatDate(time, 'medium'))
    expect(run('item.time | toDate:pattern', { item: { time }, pattern: 'HH:mm' })).toBe('17:32')
  })

  it('shows nothing while the value is missing', () => {
    expect(run("item.time | toDate:'hh:mm:ss a'", { item: {} })).toBe('')
    expect(run("item.time | toDate:'hh:mm:ss a'", {})).toBe('')
    expect(run("'soon' | toDate:'hh:mm'")).toBe('')
  })
})

describe('toNumber and toCurrency', () => {
  it('converts numeric text to a number without an argument', () => {
    expect(run("'42.5' | toNumber")).toBe(42.5)
    expect(run("('2' | toNumber) + 1")).toBe(3)
    expect(run("'abc' | toNumber")).toBeUndefined()
    expect(run("'' | toNumber")).toBeUndefined()
    expect(run('missing | toNumber')).toBeUndefined()
  })

  it('formats with a fraction size or Angular digits info', () => {
    expect(run('1234.5 | toNumber:2')).toBe('1,234.50')
    expect(run("1234.5678 | toNumber:'1.0-2'")).toBe('1,234.57')
    expect(run("5 | toNumber:'3.1-1'")).toBe('005.0')
    expect(run("'x' | toNumber:2")).toBe('')
    expect(failure("1 | toNumber:'abc'").message).toContain("Digits 'abc' are not valid")
  })

  it('formats currency by ISO code or symbol', () => {
    expect(run("1234.5 | toCurrency:'USD'")).toBe('$1,234.50')
    expect(run('1234.5 | toCurrency')).toBe('$1,234.50')
    expect(run("1234.5 | toCurrency:'eur'")).toBe('€1,234.50')
    expect(run("3 | toCurrency:'JPY'")).toBe('¥3')
    expect(run("1234.5 | toCurrency:'₹':0")).toBe('₹1,235')
    expect(run("null | toCurrency:'USD'")).toBe('')
  })
})

describe('text filters', () => {
  it('changes case and shows missing values as empty', () => {
    expect(run("'Chat Room' | uppercase")).toBe('CHAT ROOM')
    expect(run("'Chat Room' | lowercase")).toBe('chat room')
    expect(run('42 | uppercase')).toBe('42')
    expect(run('missing | uppercase')).toBe('')
    expect(failure('o | uppercase', { o: {} }).message).toContain('Cannot turn an object into text')
  })

  it('falls back with default for null, undefined, empty text and NaN only', () => {
    expect(run("missing | default:'n/a'")).toBe('n/a')
    expect(run("'' | default:'n/a'")).toBe('n/a')
    expect(run("('x' | toNumber:2) | default:'n/a'")).toBe('n/a')
    expect(run("0 | default:'n/a'")).toBe(0)
    expect(run("false | default:'n/a'")).toBe(false)
  })

  it('serializes with json and measures with length', () => {
    expect(run('{a: [1, null]} | json')).toBe('{\n  "a": [\n    1,\n    null\n  ]\n}')
    expect(run('{a: 1} | json:0')).toBe('{"a":1}')
    expect(run('missing | json')).toBe('')
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(failure('c | json', { c: cyclic }).message).toContain('json could not serialize')
    expect(run('[1, 2, 3] | length')).toBe(3)
    expect(run("'abcd' | length")).toBe(4)
    expect(run('{a: 1, b: 2} | length')).toBe(2)
    expect(run('missing | length')).toBeUndefined()
  })

  it('chains filters left to right', () => {
    expect(run("missing | default:'anon' | uppercase")).toBe('ANON')
    expect(run("'  7 ' | toNumber | toCurrency:'USD'")).toBe('$7.00')
  })

  it('names the available filters when a filter is unknown', () => {
    const error = failure('x | capitalize')
    expect(error.message).toContain("Unknown filter 'capitalize'")
    expect(error.message).toContain('toDate, toNumber')
    failure('x | constructor')
    failure('x | __proto__')
    failure('x | hasOwnProperty')
  })
})

describe('lookup', () => {
  const employees = [
    { username: 'user1', picurl: 'https://x/1.png', id: 1 },
    { username: 'user2', picurl: 'https://x/2.png', id: 2 },
    { username: 'user1', picurl: 'https://x/duplicate.png', id: 3 },
  ]
  const scope = { Variables: { employeeData: { dataSet: employees } }, item: { username: 'user2', id: 1 } }

  it("finds the sender's picture by username, first match wins", () => {
    const source = "item.username | lookup:Variables.employeeData.dataSet:'username':'picurl'"
    expect(run(source, scope)).toBe('https://x/2.png')
    expect(run("'user1' | lookup:Variables.employeeData.dataSet:'username':'picurl'", scope)).toBe('https://x/1.png')
    expect(run("'user1' | lookup:Variables.employeeData.dataSet:'username'", scope)).toBe(employees[0])
    expect(run("item.id | lookup:Variables.employeeData.dataSet:'id':'username'", scope)).toBe('user1')
  })

  it('gives undefined while the list or value is missing, or nothing matches', () => {
    expect(run("'user1' | lookup:Variables.missing.dataSet:'username':'picurl'", scope)).toBeUndefined()
    expect(run("missing | lookup:Variables.employeeData.dataSet:'username':'picurl'", scope)).toBeUndefined()
    expect(run("'nobody' | lookup:Variables.employeeData.dataSet:'username':'picurl'", scope)).toBeUndefined()
    expect(run("'1' | lookup:Variables.employeeData.dataSet:'id':'username'", scope)).toBeUndefined()
  })

  it('indexes each list once, then answers without scanning it again', () => {
    let reads = 0
    const list = Array.from({ length: 1000 }, (_, i) => ({ username: `user${i}`, picurl: `p${i}` }))
    const counted = new Proxy(list, {
      get(target, key, receiver) {
        if (key === Symbol.iterator) reads++
        return Reflect.get(target, key, receiver)
      },
    })
    const source = "name | lookup:list:'username':'picurl'"
    for (let i = 0; i < 1000; i++) expect(run(source, { list: counted, name: `user${i}` })).toBe(`p${i}`)
    expect(reads).toBe(1)
    // A new list (a new snapshot) gets its own index.
    expect(run(source, { list: [{ username: 'user5', picurl: 'new' }], name: 'user5' })).toBe('new')
  })

  it('refuses forbidden field names and non-text fields', () => {
    failure("'a' | lookup:list:'__proto__'", { list: [] })
    failure("'a' | lookup:list:'username':'constructor'", { list: [{ username: 'a' }] })
    expect(failure("'a' | lookup:list:1", { list: [] }).message).toContain('lookup needs field names as text')
  })
})
