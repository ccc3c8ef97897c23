import { ErrorCodes, TetherError } from '../../errors.js'
import type { GraphqlDialect, ServerMessage } from './dialect.js'

/**
 * The legacy protocol of subscriptions-transport-ws (subprotocol `graphql-ws`), still spoken by older
 * Apollo and Hasura servers. Its library is unmaintained and ships a server, a client and old `ws`, so
 * its frames — plain JSON objects with a `type` — are written and read here instead; the set is small
 * and fixed: connection_init/ack/error, ka, start, data, error, complete, stop, connection_terminate.
 */
export const legacyGraphqlWs: GraphqlDialect = {
  subprotocol: 'graphql-ws',
  init: (connectionParams) => JSON.stringify({ type: 'connection_init', payload: connectionParams ?? {} }),
  subscribe: (id, payload) => JSON.stringify({ id, type: 'start', payload }),
  stop: (id) => JSON.stringify({ id, type: 'stop' }),
  goodbye: JSON.stringify({ type: 'connection_terminate' }),
  read(data): ServerMessage {
    let message: { type?: unknown; id?: unknown; payload?: unknown }
    try {
      message = JSON.parse(String(data))
    } catch {
      return { kind: 'invalid', reason: 'a frame that is not JSON' }
    }
    const id = typeof message?.id === 'string' ? message.id : String(message?.id ?? '')
    switch (message?.type) {
      case 'connection_ack':
        return { kind: 'ack' }
      case 'connection_error':
        return { kind: 'refused', payload: message.payload }
      case 'ka':
        return { kind: 'alive' }
      case 'data':
        return { kind: 'result', id, payload: message.payload }
      case 'error':
        return { kind: 'error', id, payload: message.payload }
      case 'complete':
        return { kind: 'complete', id }
      default:
        return { kind: 'invalid', reason: `an unknown message type (${String(message?.type)})` }
    }
  },
  refusedBy: () => undefined,
}

/** A legacy `connection_error` is how such servers refuse credentials (onConnect returned false or threw). */
export function legacyRefusal(payload: unknown): TetherError {
  const reason = (payload as { message?: unknown } | null)?.message
  const text = typeof reason === 'string' ? reason : JSON.stringify(payload)
  return new TetherError(
    ErrorCodes.AUTH_FAILED,
    `The server refused the connection (${text}); check protocolOptions.connectionParams.`,
  )
}
