import type { ChatMessageStore } from './message-store.js'
import type { ErrorReporter } from './room-feed.js'

/** Most messages stored into a room between two prunes of it, whatever the retention. */
const MAX_PRUNE_EVERY = 1_000

/** The key under which the prune of all rooms together runs (not a valid room name). */
const ALL_ROOMS = '*'

/**
 * Keeps each room's stored messages to the newest `keep` (`CHAT_RETENTION_MESSAGES`; 0 keeps
 * everything), and all rooms together to the newest `keepTotal` (`CHAT_RETENTION_TOTAL_MESSAGES`):
 * rooms are created by joining, so without a total the table would grow with the number of rooms.
 * The total is pruned whenever a room is. A room is pruned in the background when its first member joins on this server and then
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
  readonly #keepTotal: number
  readonly #report: ErrorReporter
  /** Rooms with a prune running: one at a time per room (bounded by the rooms being pruned). */
  readonly #running = new Map<string, Promise<void>>()

  constructor(store: ChatMessageStore, keep: number, report: ErrorReporter, keepTotal = 0) {
    this.#store = store
    this.#keep = keep
    this.#keepTotal = keepTotal
    this.#report = report
    const smallest = Math.min(...[keep, keepTotal].filter((n) => n > 0))
    this.every = Number.isFinite(smallest) ? Math.min(MAX_PRUNE_EVERY, Math.max(1, Math.ceil(smallest / 10))) : 0
  }

  /** Whether messages are pruned at all. */
  get enabled(): boolean {
    return this.#keep > 0 || this.#keepTotal > 0
  }

  /**
   * Prunes `room` in the background; a call while one runs for the room is dropped (the next one
   * catches up). Failures are reported, never thrown: retention must not break posting.
   */
  prune(room: string): void {
    if (this.#keep > 0) this.#run(room, () => this.#store.prune(room, this.#keep), `room ${room} to ${this.#keep}`)
    if (this.#keepTotal > 0)
      this.#run(ALL_ROOMS, () => this.#store.pruneAll(this.#keepTotal), `all rooms to ${this.#keepTotal}`)
  }

  #run(key: string, work: () => Promise<number>, what: string): void {
    if (this.#running.has(key)) return
    const running = work()
      .then(
        () => {},
        (error: unknown) => this.#report(`pruning ${what} messages failed`, error),
      )
      .finally(() => this.#running.delete(key))
    this.#running.set(key, running)
  }

  /** Resolves once the prunes running now are done (for shutdown and tests). */
  async idle(): Promise<void> {
    await Promise.all(this.#running.values())
  }
}
