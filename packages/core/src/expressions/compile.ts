import { isTetherError } from '../errors.js'
import { collectDependencies } from './dependencies.js'
import { evaluationError } from './expression-errors.js'
import { interpret } from './interpreter.js'
import { EXPRESSION_CACHE_SIZE } from './limits.js'
import { parseExpression } from './parser.js'

/** The names an expression can start from: `Variables`, `Widgets`, `item`, `currentItem`, `loggedInUser`, `App`, `Page`… */
export type ExpressionScope = Record<string, unknown>

export interface CompiledExpression {
  /** The text it was compiled from. */
  readonly source: string
  /** Evaluates against a scope. Missing data gives undefined; throws TetherError EXPRESSION_EVALUATION. */
  evaluate(scope: ExpressionScope): unknown
  /** Static paths read from the scope, e.g. `Variables.chatroom.dataSet`; see collectDependencies. */
  readonly dependencies: readonly string[]
}

// Insertion order is recency order: a hit is moved to the end, the first entry is the least recently used.
const cache = new Map<string, CompiledExpression>()

/**
 * Parses a binding expression once and returns an evaluator plus the paths it reads. Results are cached
 * by source (the last EXPRESSION_CACHE_SIZE = 1,000 distinct sources), so calling this on every render is cheap.
 * Throws TetherError EXPRESSION_SYNTAX with the position of the problem.
 *
 * @example
 * const time = compileExpression("item.time | toDate:'hh:mm:ss a'")
 * time.dependencies // ['item.time']
 * time.evaluate({ item: { time: 1507809721548 } }) // "05:32:01 PM" (local time)
 */
export function compileExpression(source: string): CompiledExpression {
  const cached = cache.get(source)
  if (cached !== undefined) {
    cache.delete(source)
    cache.set(source, cached)
    return cached
  }
  const ast = parseExpression(source)
  const compiled: CompiledExpression = Object.freeze({
    source,
    dependencies: Object.freeze(collectDependencies(ast)),
    evaluate(scope: ExpressionScope): unknown {
      try {
        return interpret(ast, scope)
      } catch (error) {
        throw isTetherError(error) ? error : evaluationError(source, error)
      }
    },
  })
  if (cache.size >= EXPRESSION_CACHE_SIZE) cache.delete(cache.keys().next().value!)
  cache.set(source, compiled)
  return compiled
}

/** Compiles (cached) and evaluates in one step: `evaluateExpression('a.b + 1', { a: { b: 1 } })` → 2. */
export function evaluateExpression(source: string, scope: ExpressionScope): unknown {
  return compileExpression(source).evaluate(scope)
}

/** How many compiled expressions the cache holds (for tests and diagnostics). */
export function expressionCacheSize(): number {
  return cache.size
}
