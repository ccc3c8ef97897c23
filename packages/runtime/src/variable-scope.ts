import { Listeners, type Observable } from './listeners.js'

/** What the runtime needs from any variable: core's WebSocketVariable, CrudVariable, StaticVariable… */
export interface RuntimeVariable extends Observable<unknown> {
  dispose?(): void
}

/**
 * The variables of one scope (the app, or one page whose parent is the app). Lookups go page first,
 * then app. Disposing a page scope disposes the page's variables only: app variables live on.
 */
export class VariableScope {
  readonly parent: VariableScope | null
  readonly #own = new Map<string, RuntimeVariable>()
  readonly #added = new Listeners()
  #disposed = false

  constructor(parent: VariableScope | null = null) {
    this.parent = parent
  }

  add(name: string, variable: RuntimeVariable): void {
    if (this.#own.has(name)) throw new Error(`A variable named "${name}" already exists in this scope.`)
    this.#own.set(name, variable)
    this.#added.notify()
  }

  find(name: string): RuntimeVariable | undefined {
    return this.#own.get(name) ?? this.parent?.find(name)
  }

  names(): string[] {
    return [...new Set([...(this.parent?.names() ?? []), ...this.#own.keys()])]
  }

  /** `Variables` as expressions see it: name → the variable's current snapshot. */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = this.parent ? this.parent.snapshot() : {}
    for (const [name, variable] of this.#own) out[name] = variable.getSnapshot()
    return out
  }

  /** Watches one variable by name; a name not (yet) defined is watched once it is added. */
  subscribe(name: string, listener: () => void): () => void {
    const variable = this.find(name)
    if (variable) return variable.subscribe(listener)
    let inner: (() => void) | null = null
    const stopWaiting = this.#added.add(() => {
      const added = this.find(name)
      if (added && !inner) {
        inner = added.subscribe(listener)
        listener()
      }
    })
    return () => {
      stopWaiting()
      inner?.()
    }
  }

  /** Watches every variable (for expressions that index `Variables` dynamically). */
  subscribeAll(listener: () => void): () => void {
    const stops = this.names().map((name) => this.subscribe(name, listener))
    return () => {
      for (const stop of stops) stop()
    }
  }

  get disposed(): boolean {
    return this.#disposed
  }

  /** Closes and forgets this scope's own variables (the page was left). */
  dispose(): void {
    if (this.#disposed) return
    this.#disposed = true
    for (const [name, variable] of this.#own) {
      try {
        variable.dispose?.()
      } catch (error) {
        console.error(`[tether] disposing variable "${name}" failed`, error)
      }
    }
    this.#own.clear()
    this.#added.clear()
  }
}
