/**
 * One channel of a service: what to subscribe to, and the key its messages are routed by (one dataset
 * per channel). In a service file a channel may be written as its name alone: `"tick"`.
 */
export interface ChannelDefinition {
  /**
   * Socket.IO: the event name. STOMP: the destination (`/topic/prices`). MQTT: the topic filter
   * (`sensors/+/heartrate`, `alerts/#`). GraphQL: the subscription's name (an identifier). SSE: the event
   * name (`message` is the unnamed default).
   */
  name: string
  description?: string
  /** GraphQL: the subscription document, e.g. `subscription { tick { n } }`. */
  query?: string
  /** GraphQL: the document's variables. */
  variables?: Record<string, unknown>
  /** STOMP: extra SUBSCRIBE headers (e.g. `{ "ack": "client" }`). */
  headers?: Record<string, string>
  /** MQTT: the QoS of this subscription. Defaults to the service's `protocolOptions.qos`. */
  qos?: 0 | 1 | 2
  /** Messages captured on this channel while importing; they feed its schema. */
  samples?: unknown[]
  /** JSON Schema 2020-12 of this channel's messages (usually inferred from its samples). */
  schema?: Record<string, unknown>
}

/** A channel as a service file may hold it: an object, or its name alone. */
export type ChannelInput = string | ChannelDefinition

/** The channels of a definition, each as an object, in declaration order. */
export function normalizeChannels(channels: readonly ChannelInput[] | undefined): ChannelDefinition[] {
  return (channels ?? []).map((channel) => (typeof channel === 'string' ? { name: channel } : channel))
}
