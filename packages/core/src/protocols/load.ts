import { ErrorCodes, TetherError } from '../errors.js'
import type { ProtocolModule } from './adapter.js'
import type { ServiceProtocol } from './names.js'
import { websocketProtocol } from './websocket/index.js'

/**
 * Each protocol's code, behind a dynamic import so that an app whose services are all bare WebSockets
 * never downloads a parser it does not use (bundlers make each one a chunk of its own).
 */
const LOADERS: Readonly<Record<Exclude<ServiceProtocol, 'websocket'>, (() => Promise<ProtocolModule>) | undefined>> = {
  'socket.io': () => import('./socket-io/index.js').then((module) => module.socketIoProtocol),
  stomp: () => import('./stomp/index.js').then((module) => module.stompProtocol),
  mqtt: () => import('./mqtt/index.js').then((module) => module.mqttProtocol),
  'graphql-ws': () => import('./graphql-ws/index.js').then((module) => module.graphqlWsProtocol),
  sse: () => import('./sse/index.js').then((module) => module.sseProtocol),
}

const loaded = new Map<ServiceProtocol, ProtocolModule>([['websocket', websocketProtocol]])

/** The protocol's module when it is already loaded (always for `websocket`), else undefined. */
export function loadedProtocol(protocol: ServiceProtocol): ProtocolModule | undefined {
  return loaded.get(protocol)
}

/**
 * Loads a protocol's module once. Rejects with PROTOCOL_UNAVAILABLE when its code cannot be loaded (a
 * chunk the network failed to deliver: the variable retries like any failed connect).
 */
export async function loadProtocol(protocol: ServiceProtocol): Promise<ProtocolModule> {
  const ready = loaded.get(protocol)
  if (ready !== undefined) return ready
  const load = LOADERS[protocol as Exclude<ServiceProtocol, 'websocket'>]
  if (load === undefined) {
    throw new TetherError(ErrorCodes.PROTOCOL_UNAVAILABLE, `The ${protocol} protocol is not available in this build.`)
  }
  try {
    const module = await load()
    loaded.set(protocol, module)
    return module
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new TetherError(
      ErrorCodes.PROTOCOL_UNAVAILABLE,
      `The code of the ${protocol} protocol could not be loaded (${reason}); check the network and try again.`,
      { cause },
    )
  }
}
