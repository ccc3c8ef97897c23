/**
 * The protocols a service can speak. `websocket` is a bare WebSocket (JSON, XML, text or binary frames);
 * the others ride on a WebSocket too, except `sse` (Server-Sent Events over HTTP).
 */
export const SERVICE_PROTOCOLS = ['websocket', 'socket.io', 'stomp', 'mqtt', 'graphql-ws', 'sse'] as const

export type ServiceProtocol = (typeof SERVICE_PROTOCOLS)[number]

/** What a protocol's connection is made of: a WebSocket, or a streaming HTTP response. */
export type ProtocolTransport = 'websocket' | 'http'

export function transportOf(protocol: ServiceProtocol | undefined): ProtocolTransport {
  return protocol === 'sse' ? 'http' : 'websocket'
}

/** The URL schemes a service of this transport is reached by, secure one last. */
export function schemesOf(transport: ProtocolTransport): readonly [string, string] {
  return transport === 'http' ? ['http', 'https'] : ['ws', 'wss']
}
