import type { ServiceProtocol } from '@tether/core'
import type { ServiceCredentials } from '../studio/index.js'
import { mqttHandshake } from './mqtt-handshake.js'
import type { ProxyRefusal } from './proxy-refusal.js'
import { stompHandshake } from './stomp-handshake.js'

/** What the proxy does with one message of a protocol's opening exchange. */
export interface HandshakeStep {
  /** What to relay in its place (nothing while a request is still incomplete). */
  send: Buffer[]
  /** Whether the opening exchange in this direction is over: later messages are relayed untouched. */
  done: boolean
  /** Close the browser's socket with this once `send` went out (e.g. the service refused the login). */
  refusal?: ProxyRefusal
}

/**
 * A protocol's opening exchange as the proxy sees it: the browser's connect request gets the
 * service's server-side credentials (which the browser never has), and the service's answer to it is
 * watched so that a refused login reaches the browser as a coded close instead of a bare one.
 */
export interface ProtocolHandshake {
  /** Each message from the browser until a step is `done`. May throw a ProxyRefusal. */
  fromClient(data: Buffer): HandshakeStep
  /** Each message from the service until a step is `done`. */
  fromUpstream(data: Buffer): HandshakeStep
}

/** The opening exchange of a saved service's protocol, or null when the proxy relays it untouched. */
export function handshakeFor(
  protocol: ServiceProtocol,
  credentials: ServiceCredentials,
  maxBytes: number,
): ProtocolHandshake | null {
  if (protocol === 'stomp') return stompHandshake(credentials)
  if (protocol === 'mqtt') return mqttHandshake(credentials, maxBytes)
  return null
}
