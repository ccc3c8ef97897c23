import * as z from 'zod'
import { IDENTIFIER_RULE, isIdentifier } from '../../identifier.js'
import { channelSchema, jsonObject } from '../channel-schema.js'

/** Options of a `graphql-ws` service (GraphQL subscriptions over a WebSocket). */
export interface GraphqlWsOptions {
  /** The `connection_init` payload (e.g. `{ "authToken": "…" }`). Defaults to none. */
  connectionParams?: Record<string, unknown>
  /**
   * Speak the legacy `graphql-ws` subprotocol of the unmaintained subscriptions-transport-ws (older
   * Apollo and Hasura servers) instead of the current `graphql-transport-ws`. Defaults to false.
   */
  legacy?: boolean
}

export const graphqlWsOptionsSchema = z.strictObject(
  {
    connectionParams: jsonObject('connectionParams').optional(),
    legacy: z.boolean({ error: 'legacy must be true or false.' }).optional(),
  },
  { error: 'protocolOptions of a graphql-ws service must be an object like { "connectionParams": {} }.' },
)

/** A GraphQL channel is a subscription: a name (the dataset's), its document and its variables. */
export const graphqlWsChannelSchema = channelSchema(
  z
    .string({ error: 'Name the subscription, e.g. "prices".' })
    .refine(isIdentifier, { error: `A subscription name must be an identifier, e.g. "prices". ${IDENTIFIER_RULE}` }),
  {
    query: z
      .string({ error: 'Give the subscription document, e.g. "subscription { prices { symbol price } }".' })
      .regex(/\S/, { error: 'The subscription document is empty.' }),
    variables: jsonObject('variables').optional(),
  },
)
