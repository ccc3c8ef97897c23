import { IDENTIFIER_SOURCE } from '../identifier.js'
import { type ChannelDefinition, normalizeChannels } from '../protocols/channels.js'
import type { WebSocketService, WebSocketServiceDefinition } from '../service/index.js'
import { defineWebSocketService, isRelativeServiceUrl } from '../service/index.js'
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

/**
 * The AsyncAPI 3.0 document of a service: one server (host and protocol from the URL), one channel (the
 * path with its `{parameters}`, query parameters as a `ws` binding), a `receive` operation whose message
 * payload is the service's schema (or one inferred from its samples) and, when the service has a
 * RequestBody, a `send` operation. A service with channels (a protocol such as Socket.IO or MQTT) gets one
 * message and one `receive` operation per channel, each with the channel's schema, and its protocol
 * as the server's `protocol`.
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
  const address = pathStart < 0 ? '/' : url.slice(pathStart, queryStart > pathStart ? queryStart : undefined) || '/'

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
  const received = `${typeName}Message`
  const sent = `${typeName}Request`
  const responses = definition.samples?.responses ?? []
  const channels = normalizeChannels(definition.channels)
  /** Message name → the channel it is received on (undefined: the service's one message). */
  const receivedOn = new Map<string, ChannelDefinition | undefined>()
  const messages: Json = {}
  if (channels.length === 0) receivedOn.set(received, undefined)
  for (const channel of channels) {
    let message = `${typeName}${pascalCase(channel.name) || 'Channel'}Message`
    while (receivedOn.has(message)) message = `${message}_`
    receivedOn.set(message, channel)
  }
  for (const [message, channel] of receivedOn) {
    const examples = channel === undefined ? responses : (channel.samples ?? [])
    messages[message] = {
      name: message,
      ...(channel === undefined ? {} : { title: channel.name }),
      ...(channel?.description ? { description: channel.description } : {}),
      contentType: 'application/json',
      payload: channel === undefined ? responseSchema(definition) : channelSchema(channel),
      ...(examples.length > 0 ? { examples: examples.slice(0, MAX_EXAMPLES).map(exampleOf) } : {}),
    }
  }
  const sends = (definition.requestBody ?? '') !== ''
  if (sends) {
    const payload = requestSchema(definition)
    const contentType = payload.type === 'string' ? 'text/plain' : 'application/json'
    messages[sent] = { name: sent, contentType, payload }
  }

  const channel: Json = { address, messages }
  if (definition.description) channel.description = definition.description
  if (Object.keys(parameters).length > 0) channel.parameters = parameters
  if (query.length > 0) {
    const required = query.filter((q) => q.required).map((q) => q.name)
    channel.bindings = {
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

  const channelRef = { $ref: `#/channels/${definition.name}` }
  const operations: Json = {}
  for (const message of receivedOn.keys()) {
    operations[`receive${message.replace(/Message$/, '')}`] = {
      action: 'receive',
      channel: channelRef,
      messages: [{ $ref: `#/channels/${definition.name}/messages/${message}` }],
    }
  }
  if (sends) {
    operations[`send${typeName}`] = {
      action: 'send',
      channel: channelRef,
      messages: [{ $ref: `#/channels/${definition.name}/messages/${sent}` }],
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: definition.name,
      version: '1.0.0',
      ...(definition.description ? { description: definition.description } : {}),
    },
    defaultContentType: 'application/json',
    servers: { default: { host: parsed.host, protocol: definition.protocol ?? parsed.protocol.replace(':', '') } },
    channels: { [definition.name]: channel },
    operations,
  }
}
