import type { ConnectContext, ProtocolAdapter, ProtocolConnection, ProtocolEvents } from '../protocols/adapter.js'
import type { CloseInfo } from '../protocols/socket.js'
import type { Heartbeat } from './heartbeat.js'

/** How long an attempt may take to open (TCP, TLS, the upgrade and the protocol's handshake) unless `connectTimeoutMs` says otherwise. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
/** How long a close waits for the closing handshake before dropping the connection. */
const CLOSE_TIMEOUT_MS = 3_000

/** One connection and what the variable knows about it. A new one replaces it on every (re)connect. */
export interface Connection {
  /** The protocol adapter's side of the connection: writes, closes. */
  readonly transport: ProtocolConnection
  /** The URL actually connected to (after baseUrl, resume and proxy were applied). */
  readonly url: string
  opened: boolean
  heartbeat: Heartbeat | null
  readonly closed: Promise<CloseInfo>
  resolveClosed(info: CloseInfo): void
}

/** The adapter's events, each tagged with its connection so late events of a replaced one can be told apart. */
export type ConnectionEvents = {
  [K in keyof ProtocolEvents]: (connection: Connection, ...args: Parameters<ProtocolEvents[K]>) => void
}

/**
 * Opens a connection through the protocol adapter and wires its events to `events`. Throws whatever the
 * adapter throws when it cannot even start (a malformed URL, a bad subprotocol).
 */
export function openConnection(
  adapter: ProtocolAdapter,
  context: ConnectContext,
  events: ConnectionEvents,
): Connection {
  let resolveClosed: (info: CloseInfo) => void = () => {}
  const closed = new Promise<CloseInfo>((resolve) => {
    resolveClosed = resolve
  })
  // The adapter may report before connect() returns (a synchronous failure); those calls find the
  // connection through this holder once it exists, and are dropped before.
  let connection: Connection | undefined
  const transport = adapter.connect(context, {
    opened: (event) => connection && events.opened(connection, event),
    received: (payload, channel, raw) => connection && events.received(connection, payload, channel, raw),
    alive: () => connection && events.alive(connection),
    problem: (error) => connection && events.problem(connection, error),
    closed: (info, failure) => connection && events.closed(connection, info, failure),
  })
  connection = { transport, url: context.url, opened: false, heartbeat: null, closed, resolveClosed }
  return connection
}

/**
 * Starts the orderly close (or drops the connection at once when `terminate` is asked); gives up waiting,
 * and drops it, after CLOSE_TIMEOUT_MS so a dead peer cannot stall close().
 */
export function endConnection(connection: Connection, reason: string, terminate = false): Promise<CloseInfo> {
  connection.heartbeat?.stop()
  try {
    if (terminate) connection.transport.terminate()
    else connection.transport.close(reason)
  } catch {
    connection.resolveClosed({ code: 1006, reason, wasClean: false })
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<CloseInfo>((resolve) => {
    timer = setTimeout(() => {
      try {
        connection.transport.terminate()
      } catch {
        // Already gone: nothing left to drop.
      }
      resolve({ code: 1006, reason: `${reason} (no closing handshake)`, wasClean: false })
    }, CLOSE_TIMEOUT_MS)
  })
  return Promise.race([connection.closed, timeout]).finally(() => clearTimeout(timer))
}
