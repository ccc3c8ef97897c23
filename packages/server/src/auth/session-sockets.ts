import type { ServerResponse } from 'node:http'
import type WebSocket from 'ws'
import { CloseCodes, closeReason } from '../limits/index.js'

/** The close reason of a socket whose session ended; 4401 sends clients to sign-in. */
export const SESSION_ENDED_REASON = closeReason('Your session ended: log in again')

/** How to end one connection held open for a session, and how to hear that it ended by itself. */
interface SessionConnection {
  end(): void
  onClosed(listener: () => void): void
}

/**
 * The open connections of each session on this server — WebSockets and proxied event streams — so
 * that ending a session (logout, expiry, eviction) closes them. Only connections with a session cookie
 * are tracked, and each entry lives as long as its connection, so the map is bounded by
 * `WS_MAX_CONNECTIONS` (event streams count against the same limit).
 */
export class SessionSockets {
  readonly #bySession = new Map<string, Map<object, SessionConnection>>()

  /** Tracks `socket` under session `id` until it closes; ending the session closes it with 4401. */
  track(id: string, socket: WebSocket): void {
    this.#add(id, socket, {
      end: () => socket.close(CloseCodes.NOT_AUTHENTICATED, SESSION_ENDED_REASON),
      onClosed: (listener) => socket.once('close', listener),
    })
  }

  /**
   * Tracks an event-stream response under session `id` until it closes; ending the session ends the
   * stream (an EventSource then reconnects, is refused with 401 and sends its user to sign-in).
   */
  trackStream(id: string, response: ServerResponse): void {
    this.#add(id, response, {
      end: () => response.destroy(),
      onClosed: (listener) => response.once('close', listener),
    })
  }

  #add(id: string, key: object, connection: SessionConnection): void {
    let connections = this.#bySession.get(id)
    if (!connections) {
      connections = new Map()
      this.#bySession.set(id, connections)
    }
    connections.set(key, connection)
    connection.onClosed(() => {
      const current = this.#bySession.get(id)
      if (!current?.delete(key) || current.size > 0) return
      this.#bySession.delete(id)
    })
  }

  /** Closes every connection of the sessions `ids`; returns how many it closed. */
  close(ids: Iterable<string>): number {
    let closed = 0
    for (const id of ids) {
      const connections = this.#bySession.get(id)
      if (!connections) continue
      this.#bySession.delete(id)
      for (const connection of connections.values()) {
        connection.end()
        closed++
      }
    }
    return closed
  }

  /** The sessions with an open connection here. */
  sessionIds(): string[] {
    return [...this.#bySession.keys()]
  }
}
