import { ErrorCodes, isTetherError } from '../errors.js'
import type { ServiceProtocol } from '../protocols/names.js'
import type { WebSocketConstructor } from '../protocols/socket.js'
import { defineWebSocketService } from '../service/define.js'
import { WebSocketVariable } from '../variable/WebSocketVariable.js'

/** A protocol found, and how the service revealed it (said to the user after "because"). */
export interface Detected {
  protocol: ServiceProtocol
  protocolOptions?: Record<string, unknown>
  reason: string
}

const GRAPHQL: Detected = {
  protocol: 'graphql-ws',
  reason: 'it accepted graphql-transport-ws and acknowledged connection_init',
}
const GRAPHQL_LEGACY: Detected = {
  protocol: 'graphql-ws',
  protocolOptions: { legacy: true },
  reason: 'it accepted the legacy graphql-ws subprotocol and acknowledged connection_init',
}
const STOMP: Detected = { protocol: 'stomp', reason: 'it accepted a STOMP subprotocol and answered CONNECT' }
const MQTT: Detected = { protocol: 'mqtt', reason: 'it accepted the mqtt subprotocol and answered CONNECT' }

/** Tried, in order, when a server refuses a bare WebSocket (close 4406 or 1002): it wants a subprotocol. */
export const REFUSED_BARE_CANDIDATES: readonly Detected[] = [GRAPHQL, GRAPHQL_LEGACY, STOMP, MQTT]

/**
 * Tried when a server accepts a bare WebSocket and then says nothing: a broker waits for the client's
 * CONNECT. (GraphQL servers refuse a bare WebSocket, so they are found by the list above.)
 */
export const SILENT_CANDIDATES: readonly Detected[] = [MQTT, STOMP]

export interface HandshakeProbeOptions {
  /** The WebSocket class (the browser's, or `ws` with headers or a pinned address on a server). */
  WebSocket: WebSocketConstructor
  /** How long one handshake may take. */
  timeoutMs: number
  /** Stops at once: the handshake in flight is dropped and its connection closed. */
  signal?: AbortSignal
}

/**
 * Tries each candidate protocol with its own opening handshake (the adapter's, through a variable that
 * neither reconnects nor subscribes): the first whose handshake completes — or whose server refuses the
 * login, which is an answer in that protocol too — is the service's. Each connection is closed at once;
 * nothing is subscribed or published. Undefined when none answered.
 */
export async function probeHandshakes(
  url: string,
  candidates: readonly Detected[],
  options: HandshakeProbeOptions,
): Promise<Detected | undefined> {
  for (const candidate of candidates) {
    if (options.signal?.aborted) return undefined
    const variable = new WebSocketVariable({
      service: defineWebSocketService({
        name: 'probe',
        url,
        protocol: candidate.protocol,
        ...(candidate.protocolOptions ? { protocolOptions: candidate.protocolOptions } : {}),
      }),
      name: 'probe',
      connectOnLoad: false,
      reconnect: false,
      connectTimeoutMs: options.timeoutMs,
      WebSocket: options.WebSocket,
    })
    // Stopping (the asker left, the server shuts down) ends the handshake in flight, not just the list:
    // a probe left waiting on a closing server would hold its connection, and the server's shutdown, open.
    let stop = () => {}
    const stopped = new Promise<'stopped'>((resolve) => {
      stop = () => resolve('stopped')
      options.signal?.addEventListener('abort', stop, { once: true })
    })
    try {
      if ((await Promise.race([variable.open(), stopped])) === 'stopped') return undefined
      return candidate
    } catch (error) {
      if (isTetherError(error, ErrorCodes.AUTH_FAILED)) return candidate
    } finally {
      options.signal?.removeEventListener('abort', stop)
      variable.dispose()
    }
  }
  return undefined
}
