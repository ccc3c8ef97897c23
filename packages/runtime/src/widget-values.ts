import { Listeners } from './listeners.js'

type Values = Record<string, unknown>

/**
 * The `Widgets` scope: each widget's user-facing values (`Widgets.message.datavalue`). Inputs write
 * here as the user types; bindings and variable inputs read from here. Each widget has its own
 * listeners, so typing in one textarea re-evaluates only what reads that textarea.
 */
export class WidgetValues {
  #values = new Map<string, Values>()
  readonly #listeners = new Map<string, Listeners>()
  readonly #any = new Listeners()
  #snapshot: Record<string, Values> | null = null

  get(name: string): Values | undefined {
    return this.#values.get(name)
  }

  /** Sets one property of one widget; listeners run only when the value really changes. */
  set(name: string, property: string, value: unknown): void {
    const current = this.#values.get(name)
    if (current && Object.is(current[property], value)) return
    this.#values.set(name, { ...current, [property]: value })
    this.#snapshot = null
    this.#listeners.get(name)?.notify()
    this.#any.notify()
  }

  /** Sets a property only if the widget has none yet (a widget's initial value from its props). */
  initialize(name: string, property: string, value: unknown): void {
    if (this.#values.get(name)?.[property] === undefined && value !== undefined) this.set(name, property, value)
  }

  /** All widgets as one object; the same object until something changes. */
  snapshot(): Record<string, Values> {
    this.#snapshot ??= Object.fromEntries(this.#values)
    return this.#snapshot
  }

  subscribe(name: string, listener: () => void): () => void {
    let listeners = this.#listeners.get(name)
    if (!listeners) {
      listeners = new Listeners()
      this.#listeners.set(name, listeners)
    }
    return listeners.add(listener)
  }

  subscribeAll(listener: () => void): () => void {
    return this.#any.add(listener)
  }
}
