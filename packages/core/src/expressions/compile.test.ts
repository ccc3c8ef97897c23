import { describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError } from '../errors.js'
import { parseBindingValue } from './binding.js'
import { compileExpression, evaluateExpression, expressionCacheSize } from './compile.js'
import { EXPRESSION_CACHE_SIZE } from './limits.js'
import { catchTetherError } from './test-support/catch-error.js'

describe('compileExpression', () => {
  it('returns a frozen compiled expression that evaluates against any scope', () => {
    const label = compileExpression('Variables.heartratevariable.lastRecord.value')
    expect(label.source).toBe('Variables.heartratevariable.lastRecord.value')
    expect(Object.isFrozen(label)).toBe(true)
    expect(Object.isFrozen(label.dependencies)).toBe(true)
    expect(label.evaluate({ Variables: { heartratevariable: { lastRecord: { value: 95 } } } })).toBe(95)
    expect(label.evaluate({ Variables: { heartratevariable: { lastRecord: null } } })).toBeUndefined()
    expect(label.evaluate({})).toBeUndefined()
  })

  it('returns the cached instance for the same source', () => {
    expect(compileExpression('a + 1')).toBe(compileExpression('a + 1'))
    expect(evaluateExpression('a + 1', { a: 1 })).toBe(2)
  })

  it(`keeps at most ${EXPRESSION_CACHE_SIZE} expressions, evicting the least recently used`, () => {
    const kept = compileExpression('kept')
    const oldest = compileExpression('x0')
    for (let i = 1; i < EXPRESSION_CACHE_SIZE + 50; i++) {
      compileExpression(`x${i}`)
      if (i % 100 === 0) compileExpression('kept') // recently used, so never evicted
    }
    expect(expressionCacheSize()).toBe(EXPRESSION_CACHE_SIZE)
    expect(compileExpression('kept')).toBe(kept)
    expect(compileExpression('x0')).not.toBe(oldest) // evicted, so compiled anew
    expect(compileExpression('x0').evaluate({ x0: 1 })).toBe(1)
  })

  it('throws EXPRESSION_SYNTAX from compile and EXPRESSION_EVALUATION from evaluate', () => {
    const syntax = catchTetherError(() => compileExpression('a +'), ErrorCodes.EXPRESSION_SYNTAX)
    expect(syntax.details[0]?.path).toBe('column 4')
    const compiled = compileExpression('a.constructor')
    const evaluation = catchTetherError(() => compiled.evaluate({ a: {} }), ErrorCodes.EXPRESSION_EVALUATION)
    expect(evaluation.message).toContain('(in "a.constructor")')
    expect(evaluation.cause).toBeInstanceOf(Error)
    expect(isTetherError(evaluation, ErrorCodes.EXPRESSION_EVALUATION)).toBe(true)
  })

  it('does not cache sources that fail to parse', () => {
    const before = expressionCacheSize()
    catchTetherError(() => compileExpression('(((('), ErrorCodes.EXPRESSION_SYNTAX)
    expect(expressionCacheSize()).toBe(before)
  })
})

describe('parseBindingValue', () => {
  it('compiles strings starting with bind:', () => {
    const parsed = parseBindingValue('bind:Variables.heartratevariable.lastRecord.value')
    expect(parsed.kind).toBe('binding')
    if (parsed.kind !== 'binding') return
    expect(parsed.expression.dependencies).toEqual(['Variables.heartratevariable.lastRecord.value'])
    expect(parsed.expression.evaluate({ Variables: { heartratevariable: { lastRecord: { value: 61 } } } })).toBe(61)
    expect(parseBindingValue('bind: item.name ')).toMatchObject({
      kind: 'binding',
      expression: { source: 'item.name' },
    })
  })

  it('passes everything else through as a literal', () => {
    for (const value of ['Chat Room', 'Bind:x', ' bind:x', '', 42, null, undefined, true, { a: 1 }, ['bind:x']]) {
      expect(parseBindingValue(value)).toEqual({ kind: 'literal', value })
    }
  })

  it('writes a literal starting with bind: as a bound string', () => {
    const parsed = parseBindingValue("bind:'bind:me'")
    expect(parsed.kind === 'binding' && parsed.expression.evaluate({})).toBe('bind:me')
  })

  it('throws EXPRESSION_SYNTAX for a broken binding', () => {
    catchTetherError(() => parseBindingValue('bind:'), ErrorCodes.EXPRESSION_SYNTAX)
    catchTetherError(() => parseBindingValue('bind:Variables.'), ErrorCodes.EXPRESSION_SYNTAX)
  })
})
