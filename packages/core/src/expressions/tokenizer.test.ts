import { describe, expect, it } from 'vitest'
import { ErrorCodes } from '../errors.js'
import { catchTetherError } from './test-support/catch-error.js'
import { tokenize } from './tokenizer.js'

const values = (source: string) => tokenize(source).map((t) => t.value)

describe('tokenize', () => {
  it('reads numbers in decimal, fraction and exponent forms', () => {
    expect(values('0 42 3.5 .5 1e3 2.5E-2 7.')).toEqual([0, 42, 3.5, 0.5, 1000, 0.025, 7, ''])
  })

  it('reads single- and double-quoted strings with escapes', () => {
    const strings = tokenize(String.raw`'it\'s' "say \"hi\"" 'a\nb\tc' '\x41\u0042\u{1F600}' '\\' '\q'`)
      .filter((t) => t.kind === 'string')
      .map((t) => t.value)
    expect(strings).toEqual(["it's", 'say "hi"', 'a\nb\tc', 'AB😀', '\\', 'q'])
  })

  it('prefers the longest punctuator and keeps positions', () => {
    const tokens = tokenize('a===b!==c??d||e&&f<=g|h')
    expect(tokens.filter((t) => t.kind === 'punctuator').map((t) => t.value)).toEqual([
      '===',
      '!==',
      '??',
      '||',
      '&&',
      '<=',
      '|',
    ])
    expect(tokens.map((t) => t.start)).toEqual([0, 1, 4, 5, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 23])
  })

  it("reads '?.' as optional chaining but 'a?.5:1' as a ternary", () => {
    expect(values('a?.b')).toEqual(['a', '?.', 'b', ''])
    expect(values('a?.5:1')).toEqual(['a', '?', 0.5, ':', 1, ''])
  })

  it.each([
    ["'abc", 'Unterminated string', 'column 1'],
    ['x + "abc', 'Unterminated string', 'column 5'],
    ['a = 1', "Unexpected '='", 'column 3'],
    ['a & b', "Unexpected '&'", 'column 3'],
    ['a # b', "Unexpected character '#'", 'column 3'],
    ['12abc', "Unexpected character 'a' after a number", 'column 3'],
    [String.raw`'\x4'`, 'Invalid escape', 'column 2'],
    [String.raw`'\u{110000}'`, 'Invalid escape', 'column 2'],
    ['a\n  ;', "Unexpected character ';'", 'line 2, column 3'],
  ])('rejects %j with a located syntax error', (source, problem, position) => {
    const error = catchTetherError(() => tokenize(source), ErrorCodes.EXPRESSION_SYNTAX)
    expect(error.message).toContain(problem)
    expect(error.message).toContain(`at ${position}`)
    expect(error.details[0]?.path).toBe(position)
  })
})
