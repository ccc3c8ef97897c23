import { Listeners } from './listeners.js'

export interface StaticVariableSnapshot {
  dataSet: unknown
  firstRecord: unknown
  lastRecord: unknown
}

function snapshotOf(value: unknown): StaticVariableSnapshot {
  const list = Array.isArray(value) ? value : null
  return { dataSet: value, firstRecord: list ? list[0] : value, lastRecord: list ? list[list.length - 1] : value }
}

/** A model variable holding a fixed value (from the definition) that actions or scripts may replace. */
export class StaticVariable {
  readonly name: string
  readonly #listeners = new Listeners()
  #snapshot: StaticVariableSnapshot

  constructor(name: string, value: unknown) {
    this.name = name
    this.#snapshot = snapshotOf(value)
  }

  subscribe = (listener: () => void): (() => void) => this.#listeners.add(listener)
  getSnapshot = (): StaticVariableSnapshot => this.#snapshot

  get dataSet(): unknown {
    return this.#snapshot.dataSet
  }

  setValue(value: unknown): void {
    if (Object.is(value, this.#snapshot.dataSet)) return
    this.#snapshot = snapshotOf(value)
    this.#listeners.notify()
  }

  dispose(): void {
    this.#listeners.clear()
  }
}
