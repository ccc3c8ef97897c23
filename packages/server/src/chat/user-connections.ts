/**
 * The chat connections each user has open on this server (`CHAT_MAX_CONNECTIONS_PER_USER`), so one
 * account (a script, a leaked cookie) cannot take all of `WS_MAX_CONNECTIONS`. Only users with an
 * open connection have an entry, so the map is bounded by the connections themselves.
 */
export class UserConnections {
  readonly #counts = new Map<string, number>()
  readonly #max: number

  constructor(max: number) {
    this.#max = max
  }

  /** Counts one more connection of `username`; false (and nothing counted) when it already has `max`. */
  acquire(username: string): boolean {
    const count = this.#counts.get(username) ?? 0
    if (count >= this.#max) return false
    this.#counts.set(username, count + 1)
    return true
  }

  /** Forgets one connection of `username` (acquired before). */
  release(username: string): void {
    const count = (this.#counts.get(username) ?? 0) - 1
    if (count > 0) this.#counts.set(username, count)
    else this.#counts.delete(username)
  }

  /** Open connections of `username`. */
  count(username: string): number {
    return this.#counts.get(username) ?? 0
  }
}
