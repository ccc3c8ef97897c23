import { describe, expect, it } from 'vitest'
import { ErrorCodes } from '../errors.js'
import { interpret } from './interpreter.js'
import { MAX_EXPRESSION_LENGTH, MAX_NESTING_DEPTH } from './limits.js'
import { parseExpression } from './parser.js'
import { catchTetherError } from './test-support/catch-error.js'

const run = (source: string, scope: Record<string, unknown> = {}) => interpret(parseExpression(source), scope)
const syntaxError = (source: string) => catchTetherError(() => parseExpression(source), ErrorCodes.EXPRESSION_SYNTAX)

describe('operator precedence and associativity', () => {
  // Each row distinguishes two readings; the expected value is what JavaScript gives for the same text.
  it.each<[string, unknown]>([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['2 * 3 % 4', 2],
    ['100 / 10 / 5', 2],
    ['7 % 4 * 2', 6],
    ['-2 * 3', -6],
    ['- -2', 2],
    ['+"3" + 1', 4],
    ['!0 + 1', 2],
    ['!true === false', true],
    ['1 + 2 < 4', true],
    ['1 < 2 === true', true],
    ['2 > 1 == 1 > 0', true],
    ['1 === 1 && 2 === 3', false],
    ['true || false && false', true],
    ['(true || false) && false', false],
    ['0 || null ?? 5', 5],
    ['null ?? 0 || 7', 7],
    ['false ? 1 : true ? 2 : 3', 2],
    ['true ? false ? 1 : 2 : 3', 2],
    ['1 + 1 === 2 ? "yes" : "no"', 'yes'],
    ['"a" + 1 + 2', 'a12'],
    ['1 + 2 + "a"', '3a'],
    ["'x' + (1 + 2)", 'x3'],
    ['3 > 2 > 1', false],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toEqual(expected)
  })

  it('gives pipes the lowest precedence and parses filter arguments as conditionals', () => {
    expect(run("'ab' + 'c' | uppercase")).toBe('ABC')
    expect(run("x | default: y ? 'yes' : 'no'", { y: true })).toBe('yes')
    expect(run("('a' | uppercase) + 'b'")).toBe('Ab')
    expect(run("[1, 'x' | uppercase]")).toEqual([1, 'X'])
    expect(run('a[k | lowercase]', { a: { key: 1 }, k: 'KEY' })).toBe(1)
  })

  it('parses members, optional chaining, array and object literals', () => {
    const scope = { a: { b: [{ c: 'deep' }] } }
    expect(run('a.b[0].c', scope)).toBe('deep')
    expect(run('a?.b?.[0]?.c', scope)).toBe('deep') // `?.` reads like `.`: missing members are undefined anyway
    expect(run('a.x?.y.z', scope)).toBeUndefined()
    expect(run('{n: a.b[0]}', scope)).toEqual({ n: { c: 'deep' } })
  })
})

describe('syntax errors', () => {
  it.each([
    ['a + (b * c))', "Unexpected token ')'", 'column 12'],
    ['a +', 'Unexpected end of expression', 'column 4'],
    ['', 'Empty expression', 'column 1'],
    ['a b', "Unexpected token 'b'", 'column 3'],
    ['a.', 'Unexpected end of expression', 'column 3'],
    ['a.1', 'Unexpected token number 0.1', 'column 2'],
    ['a[1', "expected ']'", 'column 4'],
    ['(a', "expected ')'", 'column 3'],
    ['a ? b', "expected ':'", 'column 6'],
    ['a |', 'expected a filter name', 'column 4'],
    ['a | 3', 'expected a filter name', 'column 5'],
    ['f(1)', 'function calls are not allowed', 'column 2'],
    ['{a: 1', "expected '}'", 'column 6'],
    ['{__proto__: 1}', "Property name '__proto__' is not allowed", 'column 2'],
    ["{'constructor': 1}", "Property name 'constructor' is not allowed", 'column 2'],
    ['{1}', "expected ':'", 'column 3'],
  ])('%j fails with %s at %s', (source, problem, position) => {
    const error = syntaxError(source)
    expect(error.message).toContain(problem)
    expect(error.message).toContain(`at ${position} in "${source}"`)
    expect(error.details).toEqual([{ path: position, message: expect.stringContaining(problem.split(':')[0]!) }])
  })

  it('names the position exactly like the brief example', () => {
    expect(syntaxError('Variables.a + (b * c))').message).toMatch(/^Unexpected token '\)' at column 22 in "/)
  })

  it('accepts trailing commas and empty literals', () => {
    expect(run('[1, 2,]')).toEqual([1, 2])
    expect(run('[]')).toEqual([])
    expect(run('{}')).toEqual({})
    expect(run("{a: 1, 'b c': 2, 3: x, y,}", { x: 'X', y: 'Y' })).toEqual({ a: 1, 'b c': 2, 3: 'X', y: 'Y' })
  })
})

describe('limits', () => {
  it(`rejects sources longer than ${MAX_EXPRESSION_LENGTH} characters before tokenizing`, () => {
    const error = syntaxError('1+'.repeat(MAX_EXPRESSION_LENGTH))
    expect(error.message).toContain('too long')
    expect(error.message.length).toBeLessThan(400)
  })

  it.each([
    ['parentheses', (n: number) => `${'('.repeat(n)}1${')'.repeat(n)}`],
    ['brackets', (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`],
    ['objects', (n: number) => `${'{a:'.repeat(n)}1${'}'.repeat(n)}`],
    ['unary operators', (n: number) => `${'!-'.repeat(n / 2)}1`],
    ['member chains', (n: number) => `a${'.b'.repeat(n)}`],
    ['computed members', (n: number) => `a${'[0]'.repeat(n)}`],
    ['left-deep binary chains', (n: number) => `1${'+1'.repeat(n)}`],
    ['right-nested ternaries', (n: number) => `${'a?1:'.repeat(n)}2`],
    ['filter chains', (n: number) => `a${'|json'.repeat(n)}`],
  ])('accepts %s up to the depth limit and rejects deeper ones', (_, make) => {
    expect(() => parseExpression(make(MAX_NESTING_DEPTH - 2))).not.toThrow()
    expect(syntaxError(make(MAX_NESTING_DEPTH + 1)).message).toContain('nested too deeply')
  })

  it('rejects the deepest nesting that fits in the length limit without exhausting the stack', () => {
    const half = MAX_EXPRESSION_LENGTH / 2 - 1
    for (const source of [
      `${'('.repeat(half)}1${')'.repeat(half)}`,
      '['.repeat(MAX_EXPRESSION_LENGTH),
      `${'!'.repeat(9999)}1`,
    ]) {
      expect(syntaxError(source).message).toContain('nested too deeply')
    }
  })

  it('rejects 100,000 nested parentheses with a syntax error, not a RangeError', () => {
    expect(syntaxError('('.repeat(100_000)).message).toContain('too long')
  })
})
