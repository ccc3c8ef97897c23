import {
  CloseCode,
  GRAPHQL_TRANSPORT_WS_PROTOCOL,
  MessageType,
  parseMessage,
  stringifyMessage,
} from 'graphql-ws/client'
import { ErrorCodes, TetherError } from '../../errors.js'
import type { GraphqlDialect, ServerMessage } from './dialect.js'

/** Close codes that mean the same request would be refused again: no retry. */
const REFUSALS: Readonly<Record<number, string>> = {
  [CloseCode.BadRequest]: 'the server found a message malformed',
  [CloseCode.SubprotocolNotAcceptable]: 'the server does not speak graphql-transport-ws (try protocolOptions.legacy)',
  [CloseCode.TooManyInitialisationRequests]: 'the server saw two connection_init messages',
  [CloseCode.Unauthorized]: 'the server got a subscription before acknowledging the connection',
}

/**
 * The current protocol, `graphql-transport-ws`, framed and validated by the maintained `graphql-ws`
 * library's own message codec (the client's socket and reconnect are Tether's, not its `createClient`).
 */
export const transportWs: GraphqlDialect = {
  subprotocol: GRAPHQL_TRANSPORT_WS_PROTOCOL,
  init: (connectionParams) =>
    stringifyMessage(
      connectionParams === undefined
        ? { type: MessageType.ConnectionInit }
        : { type: MessageType.ConnectionInit, payload: connectionParams },
    ),
  subscribe: (id, payload) => stringifyMessage({ type: MessageType.Subscribe, id, payload }),
  stop: (id) => stringifyMessage({ type: MessageType.Complete, id }),
  goodbye: undefined,
  read(data): ServerMessage {
    let message: ReturnType<typeof parseMessage>
    try {
      message = parseMessage(data)
    } catch (cause) {
      return { kind: 'invalid', reason: cause instanceof Error ? cause.message : String(cause) }
    }
    switch (message.type) {
      case MessageType.ConnectionAck:
        return { kind: 'ack' }
      case MessageType.Next:
        return { kind: 'result', id: message.id, payload: message.payload }
      case MessageType.Error:
        return { kind: 'error', id: message.id, payload: message.payload }
      case MessageType.Complete:
        return { kind: 'complete', id: message.id }
      case MessageType.Ping:
        return { kind: 'ping', reply: stringifyMessage({ type: MessageType.Pong }) }
      case MessageType.Pong:
        return { kind: 'alive' }
      default:
        return { kind: 'invalid', reason: `a client message (${message.type}) came from the server` }
    }
  },
  refusedBy(info) {
    if (info.code === CloseCode.Forbidden) {
      const message = `The server refused the connection (${info.reason || 'Forbidden'}); check protocolOptions.connectionParams.`
      return { error: new TetherError(ErrorCodes.AUTH_FAILED, message), retryable: false }
    }
    const refusal = REFUSALS[info.code]
    if (refusal === undefined) return undefined
    return { error: new TetherError(ErrorCodes.PROTOCOL_ERROR, `Refused: ${refusal}.`), retryable: false }
  },
}
