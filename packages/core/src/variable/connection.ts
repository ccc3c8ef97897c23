import type { Heartbeat } from './heartbeat.js'
import type { CloseInfo, WebSocketConstructor, WebSocketLike } from './options.js'

/** `WebSocket.OPEN`; not read from the class because `ws` and the DOM both use 1 and one may be absent. */
export const OPEN = 1
/** How long an attempt may take to open (TCP, TLS and the upgrade) unless `connectTimeoutMs` says otherwise. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
/** How long a close waits for the closing handshake before dropping the socket. */
const CLOSE_TIMEOUT_MS = 3_000

/** One socket and what the variable knows about it. A new connection replaces it on every (re)connect. */
export interface Connection {
  readonly socket: WebSocketLike
  /** The URL actually connected to (after baseUrl, resume and proxy were applied). */
  readonly url: string
  opened: boolean
  heartbeat: Heartbeat | null
  readonly closed: Promise<CloseInfo>
  resolveClosed(info: CloseInfo): void
}

export interface SocketEvents {
  open(connection: Connection, event: unknown): void
  message(connection: Connection, event: { data?: unknown }): void
  close(connection: Connection, info: CloseInfo): void
}

/**
 * Creates the socket and wires its events to `events`, each tagged with its connection so late events
 * of a replaced socket can be told apart. Throws whatever the WebSocket constructor throws.
 */
export function openSocket(
  Implementation: WebSocketConstructor,
  url: string,
  protocols: readonly string[] | undefined,
  events: SocketEvents,
): Connection {
  const socket =
    protocols !== undefined && protocols.length > 0 ? new Implementation(url, [...protocols]) : new Implementation(url)
  socket.binaryType = 'arraybuffer'
  let resolveClosed: (info: CloseInfo) => void = () => {}
  const closed = new Promise<CloseInfo>((resolve) => {
    resolveClosed = resolve
  })
  const connection: Connection = { socket, url, opened: false, heartbeat: null, closed, resolveClosed }
  socket.onopen = (event) => events.open(connection, event)
  socket.onmessage = (event) => events.message(connection, event)
  // The close event that always follows an error carries the outcome; handled there, once.
  socket.onerror = () => {}
  socket.onclose = (event) => events.close(connection, closeInfoOf(event))
  return connection
}

/**
 * Starts the closing handshake (or drops the socket at once when `terminate` is asked and supported);
 * gives up waiting, and drops the socket, after CLOSE_TIMEOUT_MS so a dead peer cannot stall close().
 */
export function endSocket(connection: Connection, reason: string, terminate = false): Promise<CloseInfo> {
  connection.heartbeat?.stop()
  try {
    if (terminate && connection.socket.terminate) connection.socket.terminate()
    else connection.socket.close(1000, reason)
  } catch {
    connection.resolveClosed({ code: 1006, reason, wasClean: false })
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<CloseInfo>((resolve) => {
    timer = setTimeout(() => {
      connection.socket.terminate?.()
      resolve({ code: 1006, reason: `${reason} (no closing handshake)`, wasClean: false })
    }, CLOSE_TIMEOUT_MS)
  })
  return Promise.race([connection.closed, timeout]).finally(() => clearTimeout(timer))
}

/** The DOM and `ws` close events differ in shape; a missing event means an abnormal close. */
export function closeInfoOf(event: unknown): CloseInfo {
  const e = (event ?? {}) as Partial<CloseInfo>
  return { code: e.code ?? 1006, reason: e.reason ?? '', wasClean: e.wasClean ?? false }
}

export const describeClose = (info: CloseInfo): string =>
  ` (close code ${info.code}${info.reason ? `: ${info.reason}` : ''})`
