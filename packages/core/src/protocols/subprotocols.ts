import type { ServiceProtocol } from './names.js'

/**
 * The WebSocket subprotocols a protocol is spoken under, most preferred first: what its adapter offers
 * when the definition lists none, and what the server's proxy lets a browser ask a service for. A
 * protocol missing here offers none of its own (bare `websocket`, `socket.io`).
 */
export const PROTOCOL_SUBPROTOCOLS: Readonly<Partial<Record<ServiceProtocol, readonly string[]>>> = {
  stomp: ['v12.stomp', 'v11.stomp', 'v10.stomp'],
  mqtt: ['mqtt', 'mqttv3.1'],
  'graphql-ws': ['graphql-transport-ws', 'graphql-ws'],
}
