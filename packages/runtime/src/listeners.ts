/** Anything the UI can watch: the same shape as core's variables (`subscribe` + `getSnapshot`). */
export interface Observable<T> {
  subscribe(listener: () => void): () => void
  getSnapshot(): T
}

/** A set of change listeners; a throwing listener is reported and does not stop the others. */
export class Listeners {
  readonly #listeners = new Set<() => void>()

  add(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  notify(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener()
      } catch (error) {
        console.error('[tether] a change listener failed', error)
      }
    }
  }

  clear(): void {
    this.#listeners.clear()
  }

  get size(): number {
    return this.#listeners.size
  }
}
