import type { BinaryOperator, UnaryOperator } from './ast.js'
import { EvaluationFault } from './expression-errors.js'
import { describeKind } from './safe-access.js'

/*
 * Operator semantics follow JavaScript for primitives. Objects are never converted implicitly, because
 * JavaScript would call their `valueOf`/`toString`: in arithmetic they count as NaN (a Date counts as its
 * epoch milliseconds), and concatenating one to text is an error that suggests `| json`.
 */

/** Number conversion that never runs code held by the value. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return Number(value)
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return value.getTime()
  return Number.NaN
}

/**
 * Text conversion for `+` and text filters. `null`/`undefined` become '' so `'By ' + item.name` shows
 * "By " rather than "By undefined" while data is loading (the same forgiveness as AngularJS).
 */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString()
  throw new EvaluationFault(`Cannot turn ${describeKind(value)} into text; use '| json' to show it`)
}

export function applyUnary(operator: UnaryOperator, value: unknown): unknown {
  if (operator === '!') return !value
  return operator === '-' ? -toNumber(value) : toNumber(value)
}

/** Every binary operator except the short-circuiting `&&`, `||` and `??`, which the interpreter handles. */
export function applyBinary(operator: BinaryOperator, left: unknown, right: unknown): unknown {
  switch (operator) {
    case '+':
      if (typeof left === 'string' || typeof right === 'string') return toText(left) + toText(right)
      return toNumber(left) + toNumber(right)
    case '-':
      return toNumber(left) - toNumber(right)
    case '*':
      return toNumber(left) * toNumber(right)
    case '/':
      return toNumber(left) / toNumber(right)
    case '%':
      return toNumber(left) % toNumber(right)
    case '===':
      return left === right
    case '!==':
      return left !== right
    case '==':
      return looseEquals(left, right)
    case '!=':
      return !looseEquals(left, right)
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(operator, left, right)
    default:
      throw new EvaluationFault(`Operator '${operator}' is evaluated by the interpreter`)
  }
}

/** JavaScript `==` for primitives; an object equals only itself (no conversion of objects to primitives). */
function looseEquals(left: unknown, right: unknown): boolean {
  const leftIsObject = typeof left === 'object' && left !== null
  const rightIsObject = typeof right === 'object' && right !== null
  if (leftIsObject || rightIsObject || typeof left === 'function' || typeof right === 'function') return left === right
  // biome-ignore lint/suspicious/noDoubleEquals: both sides are primitives here, which is what `==` means in the language
  return left == right
}

function compare(operator: '<' | '<=' | '>' | '>=', left: unknown, right: unknown): boolean {
  const bothText = typeof left === 'string' && typeof right === 'string'
  const a = bothText ? left : toNumber(left)
  const b = bothText ? right : toNumber(right)
  if (operator === '<') return a < b
  if (operator === '<=') return a <= b
  if (operator === '>') return a > b
  return a >= b
}
