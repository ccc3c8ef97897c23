import type * as z from 'zod'
import { type GraphqlWsOptions, graphqlWsChannelSchema, graphqlWsOptionsSchema } from './graphql-ws/definition.js'
import { type MqttOptions, mqttChannelSchema, mqttOptionsSchema } from './mqtt/definition.js'
import type { ServiceProtocol } from './names.js'
import { type SocketIoOptions, socketIoChannelSchema, socketIoOptionsSchema } from './socket-io/definition.js'
import { type SseOptions, sseChannelSchema, sseOptionsSchema } from './sse/definition.js'
import { type StompOptions, stompChannelSchema, stompOptionsSchema } from './stomp/definition.js'

/** The options of any protocol; which ones apply is decided by the service's `protocol`. */
export type ProtocolOptions = SocketIoOptions | StompOptions | MqttOptions | GraphqlWsOptions | SseOptions

/** What a service definition may say for one protocol, checked when the definition is validated. */
export interface ProtocolDefinitionRules {
  /** `protocolOptions`; undefined when the protocol has none. */
  options: z.ZodType | undefined
  /** One entry of `channels`; undefined when the protocol has no channels. */
  channel: z.ZodType | undefined
}

/**
 * The definition rules of every protocol, in one table. Small zod schemas only: the protocols' code
 * (parsers, clients) loads later, when a variable first connects to such a service.
 */
export const PROTOCOL_DEFINITION_RULES: Readonly<Record<ServiceProtocol, ProtocolDefinitionRules>> = {
  websocket: { options: undefined, channel: undefined },
  'socket.io': { options: socketIoOptionsSchema, channel: socketIoChannelSchema },
  stomp: { options: stompOptionsSchema, channel: stompChannelSchema },
  mqtt: { options: mqttOptionsSchema, channel: mqttChannelSchema },
  'graphql-ws': { options: graphqlWsOptionsSchema, channel: graphqlWsChannelSchema },
  sse: { options: sseOptionsSchema, channel: sseChannelSchema },
}
