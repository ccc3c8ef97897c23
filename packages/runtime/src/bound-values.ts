import { type CompiledExpression, compileExpression } from '@tether/core'
import { Listeners } from './listeners.js'
import { bindingSource } from './page/binding-value.js'
import { evaluationScope, type LocalScope, type PageRuntime, subscribeDependencies } from './page-runtime.js'

/** Resolved values of a set of properties; `errors` names the properties whose expression failed. */
export interface BoundResult {
  values: Record<string, unknown>
  errors: Record<string, string> | null
}

// Compiled expressions are shared by every widget instance (a list item template compiles once).
// Bounded: when full it starts over rather than grow with ever-new expressions.
const COMPILE_CACHE_LIMIT = 2_000
const compiled = new Map<string, CompiledExpression | Error>()

export function compileCached(source: string): CompiledExpression | Error {
  let entry = compiled.get(source)
  if (entry === undefined) {
    if (compiled.size >= COMPILE_CACHE_LIMIT) compiled.clear()
    try {
      entry = compileExpression(source)
    } catch (error) {
      entry = error instanceof Error ? error : new Error(String(error))
    }
    compiled.set(source, entry)
  }
  return entry
}

/**
 * Evaluates the binding strings among `raw` (literals pass through) and keeps the result current:
 * it watches only the variables and widgets the expressions depend on, re-evaluates at most once
 * per animation frame, and notifies only when some value changed (Object.is). A failing expression
 * yields `undefined` for its property and an entry in `errors`, never an exception.
 */
export class BoundValues {
  readonly #runtime: PageRuntime
  readonly #raw: Record<string, unknown>
  readonly #local: LocalScope | undefined
  readonly #bound: [property: string, expression: CompiledExpression | Error][] = []
  readonly #listeners = new Listeners()
  readonly #reported = new Set<string>()
  #unsubscribe: (() => void) | null = null
  #result: BoundResult

  constructor(runtime: PageRuntime, raw: Record<string, unknown>, local?: LocalScope) {
    this.#runtime = runtime
    this.#raw = raw
    this.#local = local
    for (const [property, value] of Object.entries(raw)) {
      const source = bindingSource(value)
      if (source !== null) this.#bound.push([property, compileCached(source)])
    }
    this.#result = this.#evaluate(null)
  }

  get hasBindings(): boolean {
    return this.#bound.length > 0
  }

  getSnapshot = (): BoundResult => this.#result

  subscribe = (listener: () => void): (() => void) => {
    const remove = this.#listeners.add(listener)
    if (this.#unsubscribe === null && this.#bound.length > 0) {
      const dependencies = this.#bound.flatMap(([, e]) => (e instanceof Error ? [] : e.dependencies))
      this.#unsubscribe = subscribeDependencies(this.#runtime, dependencies, this.#schedule)
      // Something may have changed between construction and subscription.
      this.recompute()
    }
    return () => {
      remove()
      if (this.#listeners.size === 0) {
        this.#unsubscribe?.()
        this.#unsubscribe = null
      }
    }
  }

  readonly #schedule = (): void => this.#runtime.scheduler.schedule(this.recompute)

  /** Re-evaluates now; notifies listeners if any value changed. */
  readonly recompute = (): void => {
    const next = this.#evaluate(this.#result)
    if (next === this.#result) return
    this.#result = next
    this.#listeners.notify()
  }

  #evaluate(previous: BoundResult | null): BoundResult {
    if (this.#bound.length === 0) return previous ?? { values: this.#raw, errors: null }
    const scope = evaluationScope(this.#runtime, this.#local)
    const values: Record<string, unknown> = { ...this.#raw }
    const errors: Record<string, string> = {}
    for (const [property, expression] of this.#bound) {
      try {
        if (expression instanceof Error) throw expression
        values[property] = expression.evaluate(scope)
      } catch (error) {
        values[property] = undefined
        const message = error instanceof Error ? error.message : String(error)
        errors[property] = message
        this.#report(property, message, error)
      }
    }
    const failed = Object.keys(errors).length > 0 ? errors : null
    if (previous && sameResult(previous, values, failed)) return previous
    return { values, errors: failed }
  }

  #report(property: string, message: string, error: unknown): void {
    const key = `${property}\u0000${message}`
    if (this.#reported.has(key)) return
    this.#reported.add(key)
    console.error(`[tether] binding "${String(this.#raw[property])}" (${property}) failed: ${message}`, error)
  }
}

function sameResult(
  previous: BoundResult,
  values: Record<string, unknown>,
  errors: Record<string, string> | null,
): boolean {
  for (const key of Object.keys(values)) if (!Object.is(previous.values[key], values[key])) return false
  const a = previous.errors ?? {}
  const b = errors ?? {}
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const key of keys) if (a[key] !== b[key]) return false
  return true
}
