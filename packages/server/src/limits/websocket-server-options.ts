import type { IncomingMessage } from 'node:http'

/**
 * Subprotocols chosen before the upgrade completes. The proxy learns which subprotocol the upstream
 * service accepted while its upgrade hook runs, and the handshake answer must carry that same one.
 */
const pinned = new WeakMap<IncomingMessage, string | false>()

/** Makes the upgrade of `request` answer with `protocol` (or with none, for `false`). */
export function pinSubprotocol(request: IncomingMessage, protocol: string | false): void {
  pinned.set(request, protocol)
}

/** `ws`'s handleProtocols: a pinned choice wins; otherwise the client's first, as `ws` does by default. */
export function chooseSubprotocol(protocols: Set<string>, request: IncomingMessage): string | false {
  const choice = pinned.get(request)
  if (choice !== undefined) return choice === false || protocols.has(choice) ? choice : false
  const [first] = protocols
  return first ?? false
}

/**
 * The options for `@fastify/websocket`'s server (`app.register(websocket, { options: … })`): the
 * payload limit (bigger frames close with 1009) and the subprotocol choice the proxy relies on.
 */
export function websocketServerOptions(config: { limits: { maxPayload: number } }) {
  return { maxPayload: config.limits.maxPayload, handleProtocols: chooseSubprotocol }
}
