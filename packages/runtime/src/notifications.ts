import { Listeners } from './listeners.js'
import type { NotifyLevel } from './page-runtime.js'

export interface Notification {
  id: number
  message: string
  level: NotifyLevel
}

/** Toasts shown by `notify` actions. Keeps at most `limit` (default 5): older ones are dropped. */
export class NotificationCenter {
  readonly #listeners = new Listeners()
  readonly #limit: number
  #items: readonly Notification[] = []
  #nextId = 1

  constructor(limit = 5) {
    this.#limit = limit
  }

  subscribe = (listener: () => void): (() => void) => this.#listeners.add(listener)
  getSnapshot = (): readonly Notification[] => this.#items

  notify = (message: string, level: NotifyLevel = 'info'): void => {
    this.#items = [...this.#items, { id: this.#nextId++, message, level }].slice(-this.#limit)
    this.#listeners.notify()
  }

  dismiss = (id: number): void => {
    this.#items = this.#items.filter((item) => item.id !== id)
    this.#listeners.notify()
  }
}
