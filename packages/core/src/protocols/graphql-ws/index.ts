import type { ProtocolModule } from '../adapter.js'
import { connectGraphql } from './connection.js'
import type { GraphqlWsOptions } from './definition.js'
import { legacyGraphqlWs } from './legacy.js'
import { transportWs } from './transport-ws.js'

/**
 * The `graphql-ws` protocol: GraphQL subscriptions over a WebSocket, `graphql-transport-ws` by default,
 * the legacy subscriptions-transport-ws protocol with `legacy: true`. Loaded by dynamic import.
 */
export const graphqlWsProtocol: ProtocolModule = {
  createAdapter(service) {
    const options = (service.protocolOptions ?? {}) as GraphqlWsOptions
    const settings = {
      dialect: options.legacy === true ? legacyGraphqlWs : transportWs,
      connectionParams: options.connectionParams,
      channels: service.channels,
      subprotocols: service.subprotocols,
    }
    // No resume in either protocol: every connection subscribes again; events meanwhile are lost.
    return { connect: (context, events) => connectGraphql(settings, context, events) }
  },
}
