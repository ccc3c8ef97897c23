import type WebSocket from 'ws'
import { CloseCodes, closeReason } from '../limits/index.js'

/** The close reason of a socket whose session ended; 4401 sends clients to sign-in. */
export const SESSION_ENDED_REASON = closeReason('Your session ended: log in again')

/**
 * The open WebSockets of each session on this server, so that ending a session (logout, expiry,
 * eviction) closes them. Only sockets with a session cookie are tracked, and each entry lives as long
 * as its socket, so the map is bounded by `WS_MAX_CONNECTIONS`.
 */
export class SessionSockets {
  readonly #bySession = new Map<string, Set<WebSocket>>()

  /** Tracks `socket` under session `id` until it closes. */
  track(id: string, socket: WebSocket): void {
    let sockets = this.#bySession.get(id)
    if (!sockets) {
      sockets = new Set()
      this.#bySession.set(id, sockets)
    }
    sockets.add(socket)
    socket.once('close', () => {
      const current = this.#bySession.get(id)
      if (!current?.delete(socket) || current.size > 0) return
      this.#bySession.delete(id)
    })
  }

  /** Closes every socket of the sessions `ids` with 4401; returns how many it closed. */
  close(ids: Iterable<string>): number {
    let closed = 0
    for (const id of ids) {
      const sockets = this.#bySession.get(id)
      if (!sockets) continue
      this.#bySession.delete(id)
      for (const socket of sockets) {
        socket.close(CloseCodes.NOT_AUTHENTICATED, SESSION_ENDED_REASON)
        closed++
      }
    }
    return closed
  }

  /** The sessions with an open socket here. */
  sessionIds(): string[] {
    return [...this.#bySession.keys()]
  }
}
