import { IDENTIFIER_SOURCE } from '../identifier.js'
import { type ChannelDefinition, normalizeChannels } from '../protocols/channels.js'
import type { QueryParamDefinition, WebSocketService, WebSocketServiceDefinition } from '../service/index.js'
import { defineWebSocketService, isRelativeServiceUrl } from '../service/index.js'
import { channelBindingsOf, contentTypeOf, receiveBindingsOf, sendBindingsOf, serverOf } from './asyncapi-bindings.js'
import { inferSchema } from './infer-schema.js'
import { pascalCase } from './typescript.js'

type Json = Record<string, unknown>

/** At most this many sample responses are copied into the document as message examples. */
const MAX_EXAMPLES = 3

/** AsyncAPI schemas are JSON Schema draft-07 based: drop the 2020-12 dialect marker, keep the rest. */
function payloadOf(schema: Json): Json {
  const { $schema: _dialect, ...payload } = schema
  return payload
}

function responseSchema(definition: WebSocketServiceDefinition): Json {
  if (definition.schema) return payloadOf(definition.schema)
  const responses = definition.samples?.responses ?? []
  if (responses.length === 0) return {}
  return payloadOf(inferSchema(responses, { name: definition.name }).jsonSchema)
}

function requestSchema(definition: WebSocketServiceDefinition): Json {
  const sample = definition.samples?.request ?? definition.requestBody ?? ''
  return sample === '' ? { type: 'string' } : payloadOf(inferSchema(sample).jsonSchema)
}

/** A protocol channel's payload: its schema, or one inferred from its samples. */
function channelSchema(channel: ChannelDefinition): Json {
  if (channel.schema) return payloadOf(channel.schema)
  const samples = channel.samples ?? []
  return samples.length === 0 ? {} : payloadOf(inferSchema(samples, { name: channel.name }).jsonSchema)
}

/** A JSON sample response becomes a message example; text stays text. */
function exampleOf(sample: unknown): Json {
  if (typeof sample !== 'string') return { payload: sample }
  try {
    return { payload: JSON.parse(sample) }
  } catch {
    return { payload: sample }
  }
}

/** An AsyncAPI channel id (`^[\w.-]+$`, also safe in a `$ref`) for a protocol channel, unique in `taken`. */
function channelIdOf(service: string, channel: string, taken: Set<string>): string {
  let id = `${service}.${channel.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'channel'}`
  while (taken.has(id)) id = `${id}_`
  taken.add(id)
  return id
}

/** A message's payload: its JSON Schema, or the `.proto` message type for a Protocol Buffers service. */
function payloadFor(definition: WebSocketServiceDefinition, schema: Json): Json {
  const proto = definition.payloadFormat === 'protobuf' ? definition.protobuf : undefined
  if (proto === undefined) return schema
  const version = /syntax\s*=\s*["']proto2["']/.test(proto.proto) ? 2 : 3
  return { schemaFormat: `application/vnd.google.protobuf;version=${version}`, schema: proto.proto }
}

/**
 * The AsyncAPI 3.0 document of a service, with one server (host and protocol from the URL and the
 * service's protocol, `asyncapi-bindings.ts`).
 *
 * A bare WebSocket service has one channel (the path with its `{parameters}`, query parameters as a `ws`
 * binding), a `receive` operation whose message payload is the service's schema (or one inferred from its
 * samples) and, when the service has a RequestBody, a `send` operation.
 *
 * A service with channels (Socket.IO events, STOMP destinations, MQTT topic filters, GraphQL
 * subscriptions, SSE events) gets one AsyncAPI channel per channel: its address is the channel's name,
 * its message the channel's schema, its bindings the protocol's (`mqtt` QoS, `x-socketio` namespace and
 * event, …); the URL's path moves to the server's `pathname`. A RequestBody is sent on the first channel.
 *
 * @example
 * toAsyncApi(defineWebSocketService({ name: 'heartrate', url: 'ws://localhost:8080/websocket/heartrate' }))
 */
export function toAsyncApi(service: WebSocketService | WebSocketServiceDefinition): Json {
  const resolved = defineWebSocketService(service)
  const { definition } = resolved
  // Placeholders are kept verbatim in the address; a neutral value lets the URL parser split the rest.
  // A relative url (`/websocket/chat`) is served by whatever host serves the page; localhost stands in.
  const url = isRelativeServiceUrl(definition.url) ? `ws://localhost${definition.url}` : definition.url
  const parsed = new URL(url.replace(new RegExp(`\\{${IDENTIFIER_SOURCE}\\}`, 'g'), 'x'))
  const pathStart = url.indexOf('/', url.indexOf('//') + 2)
  const queryStart = url.search(/[?#]/)
  const path = pathStart < 0 ? '/' : url.slice(pathStart, queryStart > pathStart ? queryStart : undefined) || '/'

  const parameters = Object.fromEntries(
    resolved.pathParams.map((p) => [
      p.name,
      {
        ...(p.description ? { description: p.description } : {}),
        ...(p.default !== undefined ? { default: p.default } : {}),
      },
    ]),
  )
  const query = resolved.queryParams
  const typeName = pascalCase(definition.name) || 'Service'
  const contentType = contentTypeOf(definition.payloadFormat)
  const responses = definition.samples?.responses ?? []
  const protocolChannels = normalizeChannels(definition.channels)
  const perChannel = protocolChannels.length > 0

  /** What the document holds per AsyncAPI channel: its id, its receive message name and its source. */
  const entries: { id: string; message: string; channel: ChannelDefinition | undefined }[] = []
  const taken = new Set<string>()
  const messageNames = new Set<string>()
  if (!perChannel) entries.push({ id: definition.name, message: `${typeName}Message`, channel: undefined })
  for (const channel of protocolChannels) {
    let message = `${typeName}${pascalCase(channel.name) || 'Channel'}Message`
    while (messageNames.has(message)) message = `${message}_`
    messageNames.add(message)
    entries.push({ id: channelIdOf(definition.name, channel.name, taken), message, channel })
  }

  const channels: Json = {}
  const operations: Json = {}
  for (const { id, message, channel } of entries) {
    const examples = channel === undefined ? responses : (channel.samples ?? [])
    const messages: Json = {
      [message]: {
        name: message,
        ...(channel === undefined ? {} : { title: channel.name }),
        ...(channel?.description ? { description: channel.description } : {}),
        contentType,
        payload: payloadFor(definition, channel === undefined ? responseSchema(definition) : channelSchema(channel)),
        ...(examples.length > 0 ? { examples: examples.slice(0, MAX_EXAMPLES).map(exampleOf) } : {}),
      },
    }
    const entry: Json = { address: channel === undefined ? path : channel.name, messages }
    const description = channel === undefined ? definition.description : channel.description
    if (description) entry.description = description
    const bindings = channel === undefined ? queryBinding(query) : channelBindingsOf(definition, channel)
    if (bindings !== undefined) entry.bindings = bindings
    if (channel === undefined && Object.keys(parameters).length > 0) entry.parameters = parameters
    channels[id] = entry
    const receive = channel === undefined ? undefined : receiveBindingsOf(definition, channel)
    operations[`receive${message.replace(/Message$/, '')}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      messages: [{ $ref: `#/channels/${id}/messages/${message}` }],
      ...(receive !== undefined ? { bindings: receive } : {}),
    }
  }

  if ((definition.requestBody ?? '') !== '') {
    const first = entries[0] as (typeof entries)[number]
    const sent = `${typeName}Request`
    const payload = requestSchema(definition)
    const requestType = payload.type === 'string' ? 'text/plain' : 'application/json'
    ;(channels[first.id] as { messages: Json }).messages[sent] = { name: sent, contentType: requestType, payload }
    const bindings = sendBindingsOf(definition)
    operations[`send${typeName}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${first.id}` },
      messages: [{ $ref: `#/channels/${first.id}/messages/${sent}` }],
      ...(bindings !== undefined ? { bindings } : {}),
    }
  }

  const secure = parsed.protocol === 'wss:' || parsed.protocol === 'https:'
  const server: Json = { host: parsed.host, ...serverOf(definition, secure) }
  if (perChannel) {
    server.pathname = path
    if (Object.keys(parameters).length > 0) server.variables = parameters
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: definition.name,
      version: '1.0.0',
      ...(definition.description ? { description: definition.description } : {}),
    },
    defaultContentType: contentType,
    servers: { default: server },
    channels,
    operations,
  }
}

/** The `ws` binding of a bare WebSocket service's query parameters, or undefined when it has none. */
function queryBinding(query: readonly QueryParamDefinition[]) {
  if (query.length === 0) return undefined
  const required = query.filter((q) => q.required).map((q) => q.name)
  return {
    ws: {
      bindingVersion: '0.1.0',
      query: {
        type: 'object',
        properties: Object.fromEntries(
          query.map((q) => [
            q.name,
            {
              type: 'string',
              ...(q.default !== undefined ? { default: q.default } : {}),
              ...(q.description ? { description: q.description } : {}),
            },
          ]),
        ),
        ...(required.length > 0 ? { required } : {}),
      },
    },
  }
}
