import { describe, expect, it } from 'vitest'
import { ErrorCodes } from '../errors.js'
import { compileExpression, evaluateExpression } from './compile.js'
import { MAX_EXPRESSION_LENGTH } from './limits.js'
import { catchTetherError } from './test-support/catch-error.js'

// Expressions come from page files; these are the inputs an attacker who can edit one would try.
const scope = {
  Variables: { a: { dataSet: [{ name: 'x' }] } },
  item: { name: 'x' },
  parsed: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}, "ok": 1}'),
}

const evaluationError = (source: string, s: Record<string, unknown> = scope) =>
  catchTetherError(() => evaluateExpression(source, s), ErrorCodes.EXPRESSION_EVALUATION)
const syntaxError = (source: string) => catchTetherError(() => compileExpression(source), ErrorCodes.EXPRESSION_SYNTAX)

describe('hostile expressions', () => {
  it.each([
    "constructor.constructor('return process')()",
    "''.constructor.constructor('return this')()",
    'Variables.a.dataSet.map(x)',
    'item.name = 1',
    'item.name += 1',
    'item.name++',
    'new Date()',
    '`template`',
    'a => a',
    'a; b',
    'import("x")',
  ])('rejects %s at parse time', (source) => {
    syntaxError(source)
  })

  it.each([
    'constructor',
    '__proto__',
    'prototype',
    "x['__proto__']",
    'x.__proto__',
    'Variables.a.constructor',
    'Variables.a.dataSet.constructor',
    "''.constructor",
    '(1).constructor',
    "[]['constructor']",
    '{}.constructor',
    "item['constr' + 'uctor']",
    "item[('__pro' + 'to__')]",
    'item.__defineGetter__',
    'item.__lookupGetter__',
    'parsed.__proto__',
    'parsed.constructor',
    "parsed['constructor'].prototype",
    'Variables.a.dataSet[0].prototype',
  ])('refuses to read %s even when the key is computed or own', (source) => {
    expect(evaluationError(source).message).toMatch(/is not allowed: expressions cannot reach prototypes/)
  })

  it('refuses forbidden names even when the object is missing', () => {
    evaluationError('nothing.constructor')
    evaluationError("nothing['__proto__']")
  })

  it('does not pollute Object.prototype through object literals', () => {
    syntaxError("{'__proto__': {polluted: true}}")
    syntaxError('{__proto__: 1}')
    expect(evaluateExpression("{polluted: true, 'a b': 1}", {})).toEqual({ polluted: true, 'a b': 1 })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('does not resolve globals or built-ins', () => {
    for (const name of ['globalThis', 'process', 'window', 'Function', 'eval', 'Object', 'require', 'this']) {
      expect(evaluateExpression(name, {})).toBeUndefined()
    }
    expect(evaluateExpression('valueOf', {})).toBeUndefined()
  })

  it('does not call functions held by the data', () => {
    let calls = 0
    const spy = () => {
      calls++
      return 'called'
    }
    const data = { f: spy, o: { valueOf: spy, toString: spy, toJSON: undefined } }
    expect(evaluateExpression('f', data)).toBe(spy)
    expect(evaluateExpression('o.valueOf', data)).toBe(spy)
    evaluationError("o + ''", data)
    expect(evaluateExpression('o * 1', data)).toBeNaN()
    expect(evaluateExpression('o == 1', data)).toBe(false)
    expect(evaluateExpression('o | default:1', data)).toBe(data.o)
    expect(calls).toBe(0)
  })

  it('rejects huge inputs quickly with a short message', () => {
    const error = syntaxError('a'.repeat(MAX_EXPRESSION_LENGTH + 1))
    expect(error.message.length).toBeLessThan(300)
    syntaxError(`'${'x'.repeat(5_000_000)}'`)
  })

  it('handles the largest accepted inputs', () => {
    const count = (MAX_EXPRESSION_LENGTH - 10) / 2
    const items = Array.from({ length: count }, () => '1').join(',')
    expect(evaluateExpression(`[${items}].length`, {})).toBe(count)
    const longString = `'${'x'.repeat(MAX_EXPRESSION_LENGTH - 2)}'`
    expect(evaluateExpression(longString, {})).toHaveLength(MAX_EXPRESSION_LENGTH - 2)
  })

  it.each([
    ['100k nested parentheses', '('.repeat(100_000)],
    ['100k nested brackets', '['.repeat(100_000)],
    ['balanced nesting just under the length limit', `${'('.repeat(4999)}1${')'.repeat(4999)}`],
    ['a deep unary chain', `${'-'.repeat(9999)}1`],
    ['a deep member chain', `a${'.b'.repeat(4999)}`],
    ['a long left-deep chain', `1${'+1'.repeat(4999)}`],
    ['nested ternaries', `${'a?b:'.repeat(1999)}c`],
  ])('rejects %s with a syntax error instead of a stack overflow', (_, source) => {
    expect(syntaxError(source).message).toMatch(/nested too deeply|too long/)
  })

  it.each([
    ["'abc", 'Unterminated string'],
    ['"abc\\"', 'Unterminated string'],
    ["'abc\\", 'Unterminated string'],
    ["item | toDate:'hh:mm", 'Unterminated string'],
  ])('reports the unterminated string in %s', (source, problem) => {
    expect(syntaxError(source).message).toContain(problem)
  })

  it('reports lone surrogates and control characters as syntax errors', () => {
    syntaxError('\uD800')
    syntaxError('a \u0000 b')
    expect(evaluateExpression("'\uD800'", {})).toBe('\uD800')
  })
})
