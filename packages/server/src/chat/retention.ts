import type { ChatMessageStore } from './message-store.js'
import type { ErrorReporter } from './room-feed.js'

/** Most messages stored into a room between two prunes of it, whatever the retention. */
const MAX_PRUNE_EVERY = 1_000

/**
 * Keeps each room's stored messages to the newest `keep` (`CHAT_RETENTION_MESSAGES`; 0 keeps
 * everything). A room is pruned in the background when its first member joins on this server and then
 * after every `every` messages stored through this server (a tenth of `keep`, at most 1,000), so a room
 * holds at most about `keep + every` messages per server instance posting into it. Deleting is
 * idempotent, so instances sharing a database (REDIS_URL) may prune the same room without harm.
 *
 * What a `?since=` resume older than the retained window gets is what is retained: the frames are the
 * same as ever, the pruned ones are simply not there (the README says so).
 */
export class ChatRetention {
  /** Messages stored into a room (through this server) before it is pruned again; 0 when off. */
  readonly every: number
  readonly #store: ChatMessageStore
  readonly #keep: number
  readonly #report: ErrorReporter
  /** Rooms with a prune running: one at a time per room (bounded by the rooms being pruned). */
  readonly #running = new Map<string, Promise<void>>()

  constructor(store: ChatMessageStore, keep: number, report: ErrorReporter) {
    this.#store = store
    this.#keep = keep
    this.#report = report
    this.every = keep > 0 ? Math.min(MAX_PRUNE_EVERY, Math.max(1, Math.ceil(keep / 10))) : 0
  }

  /** Whether messages are pruned at all. */
  get enabled(): boolean {
    return this.#keep > 0
  }

  /**
   * Prunes `room` in the background; a call while one runs for the room is dropped (the next one
   * catches up). Failures are reported, never thrown: retention must not break posting.
   */
  prune(room: string): void {
    if (!this.enabled || this.#running.has(room)) return
    const running = this.#store
      .prune(room, this.#keep)
      .then(
        () => {},
        (error: unknown) => this.#report(`pruning room ${room} to ${this.#keep} messages failed`, error),
      )
      .finally(() => this.#running.delete(room))
    this.#running.set(room, running)
  }

  /** Resolves once the prunes running now are done (for shutdown and tests). */
  async idle(): Promise<void> {
    await Promise.all(this.#running.values())
  }
}
