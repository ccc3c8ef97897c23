import { evaluateExpression } from '@tether/core'
import { describe, expect, it } from 'vitest'
import { appendFilter, checkExpression, lookupFilter, toDateFilter } from './validate-expression.js'

describe('bind dialog expressions', () => {
  it('accepts what the runtime compiles and reports where a syntax error is', () => {
    expect(checkExpression('Variables.h.lastRecord.value')).toEqual({
      ok: true,
      dependencies: ['Variables.h.lastRecord.value'],
    })
    const bad = checkExpression('Variables.h.(')
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.message).toMatch(/column/)
    expect(checkExpression('  ').ok).toBe(false)
  })

  it('builds filters that the expression language evaluates', () => {
    const expression = appendFilter('item.time', toDateFilter('HH:mm'))
    expect(expression).toBe("item.time | toDate:'HH:mm'")
    expect(evaluateExpression(expression, { item: { time: new Date(2020, 0, 1, 13, 5).getTime() } })).toBe('13:05')
    expect(evaluateExpression(appendFilter('x', 'toNumber'), { x: '42' })).toBe(42)
    const lookup = appendFilter('item.username', lookupFilter('employees', 'username', 'picurl'))
    const Variables = { employees: { dataSet: [{ username: 'amy', picurl: '/amy.png' }] } }
    expect(evaluateExpression(lookup, { item: { username: 'amy' }, Variables })).toBe('/amy.png')
    expect(appendFilter('', 'toNumber')).toBe('')
  })
})
