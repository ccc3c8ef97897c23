import { format } from 'date-fns'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError } from '../errors.js'
import { compileExpression } from './compile.js'
import { toDateFnsPattern } from './format-date.js'
import { MAX_EXPRESSION_LENGTH } from './limits.js'
import { isForbiddenKey } from './safe-access.js'

/** Compiles and evaluates; returns nothing, throws only if something other than a TetherError escaped. */
function compileAndEvaluate(source: string): void {
  try {
    compileExpression(source).evaluate({ a: { b: [1, 'x', { c: null }] }, s: 'text', n: 3 })
  } catch (error) {
    if (!isTetherError(error)) throw error
    expect([ErrorCodes.EXPRESSION_SYNTAX, ErrorCodes.EXPRESSION_EVALUATION]).toContain(error.code)
  }
}

const fragments = fc.constantFrom(
  ...['(', ')', '[', ']', '{', '}', ',', '.', '?.', '?', ':', '|', '||', '&&', '??', '!', '+', '-', '*', '/', '%'],
  ...['==', '===', '<', '>=', ' ', "'", '"', '\\', '1', '2.5e3', 'a', 'b', 'c', 's', 'n', 'true', 'null'],
  ...['constructor', '__proto__', 'length', 'toDate', 'toNumber', 'lookup', 'json', "'hh:mm a'", '\\u{', '\n'],
)

describe('parser and interpreter never throw anything but TetherError', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (source) => compileAndEvaluate(source)),
      { numRuns: 2000 },
    )
  })

  it('on arbitrary Unicode, astral characters and lone surrogates included', () => {
    // Any code point, surrogate halves too (fast-check's own 'binary' unit is far slower to generate).
    const codePoint = fc.integer({ min: 0, max: 0x10ffff }).map((c) => String.fromCodePoint(c))
    fc.assert(fc.property(fc.string({ unit: codePoint, maxLength: 100 }), compileAndEvaluate), { numRuns: 1000 })
  })

  it('on token soup that reaches deep into the grammar', () => {
    const soup = fc.array(fragments, { maxLength: 60 }).map((parts) => parts.join(''))
    fc.assert(fc.property(soup, compileAndEvaluate), { numRuns: 3000 })
  })
})

type Arithmetic =
  | { kind: 'number'; value: number }
  | { kind: 'unary'; operator: '-' | '+'; operand: Arithmetic }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/' | '%'; left: Arithmetic; right: Arithmetic }

const { tree } = fc.letrec<{ tree: Arithmetic; number: Arithmetic; unary: Arithmetic; binary: Arithmetic }>((tie) => ({
  tree: fc.oneof({ maxDepth: 12 }, tie('number'), tie('unary'), tie('binary'), tie('binary')),
  number: fc
    .oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }))
    .map((value) => ({ kind: 'number' as const, value })),
  unary: fc.record({
    kind: fc.constant('unary' as const),
    operator: fc.constantFrom('-' as const, '+' as const),
    operand: tie('tree'),
  }),
  binary: fc.record({
    kind: fc.constant('binary' as const),
    operator: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const, '%' as const),
    left: tie('tree'),
    right: tie('tree'),
  }),
}))

const PRECEDENCE = { '+': 6, '-': 6, '*': 7, '/': 7, '%': 7, unary: 8, atom: 9 }

/** Prints with only the parentheses precedence requires, so the parser's precedence is what is tested. */
function print(node: Arithmetic): { text: string; precedence: number } {
  if (node.kind === 'number') {
    const negative = node.value < 0 || Object.is(node.value, -0)
    return negative
      ? { text: `-${String(-node.value)}`, precedence: PRECEDENCE.unary }
      : { text: String(node.value), precedence: PRECEDENCE.atom }
  }
  if (node.kind === 'unary') {
    const operand = print(node.operand)
    const text = operand.precedence < PRECEDENCE.unary ? `(${operand.text})` : operand.text
    return { text: `${node.operator}${text}`, precedence: PRECEDENCE.unary }
  }
  const precedence = PRECEDENCE[node.operator]
  const left = print(node.left)
  const right = print(node.right)
  const leftText = left.precedence < precedence ? `(${left.text})` : left.text
  const rightText = right.precedence <= precedence ? `(${right.text})` : right.text // operators associate left
  return { text: `${leftText} ${node.operator} ${rightText}`, precedence }
}

function reference(node: Arithmetic): number {
  if (node.kind === 'number') return node.value
  if (node.kind === 'unary') return node.operator === '-' ? -reference(node.operand) : +reference(node.operand)
  const a = reference(node.left)
  const b = reference(node.right)
  switch (node.operator) {
    case '+':
      return a + b
    case '-':
      return a - b
    case '*':
      return a * b
    case '/':
      return a / b
    case '%':
      return a % b
  }
}

describe('arithmetic matches JavaScript', () => {
  it('for generated trees printed with minimal parentheses', () => {
    fc.assert(
      fc.property(tree, (node) => {
        const source = print(node).text
        expect(Object.is(compileExpression(source).evaluate({}), reference(node)), source).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('literals round-trip', () => {
  it('any JSON value printed as JSON evaluates to itself', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const source = JSON.stringify(value)
        fc.pre(source.length <= MAX_EXPRESSION_LENGTH && !hasForbiddenKey(value))
        expect(compileExpression(source).evaluate({})).toEqual(JSON.parse(source)) // JSON itself turns -0 into 0
      }),
      { numRuns: 1000 },
    )
  })
})

function hasForbiddenKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasForbiddenKey)
  if (typeof value !== 'object' || value === null) return false
  return Object.entries(value).some(([key, item]) => isForbiddenKey(key) || hasForbiddenKey(item))
}

describe('date patterns', () => {
  it('translate to date-fns patterns that never throw', () => {
    const date = new Date(2024, 0, 5, 13, 4, 5, 67)
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (pattern) => void format(date, toDateFnsPattern(pattern) || 'y')),
      {
        numRuns: 2000,
      },
    )
    const letters = fc.array(fc.constantFrom(...'yYMLdDEaBhHkKmsSZzOGwQqeicIRuTtPpXx\'" ,:-'.split('')), {
      maxLength: 20,
    })
    fc.assert(
      fc.property(letters, (chars) => void format(date, toDateFnsPattern(chars.join('')) || 'y')),
      { numRuns: 2000 },
    )
  })
})
