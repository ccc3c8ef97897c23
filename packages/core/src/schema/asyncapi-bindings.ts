import type { PayloadFormat } from '../payload/index.js'
import type { ChannelDefinition } from '../protocols/channels.js'
import type { GraphqlWsOptions } from '../protocols/graphql-ws/definition.js'
import type { MqttOptions } from '../protocols/mqtt/definition.js'
import type { ServiceProtocol } from '../protocols/names.js'
import type { SocketIoOptions } from '../protocols/socket-io/definition.js'
import type { SseOptions } from '../protocols/sse/definition.js'
import { PROTOCOL_SUBPROTOCOLS } from '../protocols/subprotocols.js'
import type { WebSocketServiceDefinition } from '../service/index.js'

type Json = Record<string, unknown>

/**
 * What AsyncAPI 3.0 says about one protocol: the server's `protocol` (plain, secure), and the bindings of
 * its server, of each channel and of each operation. Binding names and fields follow the AsyncAPI
 * bindings (ws 0.1.0, mqtt 0.2.0, http 0.3.0, stomp reserved and empty); Socket.IO and GraphQL have no
 * official binding, so theirs are `x-socketio` and `x-graphql` extensions. Secrets (logins, passwords,
 * auth payloads) are never written.
 */
interface ProtocolBindings {
  protocol: readonly [plain: string, secure: string]
  protocolVersion?: (definition: WebSocketServiceDefinition) => string | undefined
  server?: (definition: WebSocketServiceDefinition) => Json | undefined
  channel?: (definition: WebSocketServiceDefinition, channel: ChannelDefinition) => Json
  receive?: (definition: WebSocketServiceDefinition, channel: ChannelDefinition) => Json
  send?: (definition: WebSocketServiceDefinition) => Json
}

const WS = '0.1.0'
const MQTT = '0.2.0'
const HTTP = '0.3.0'

/** The `ws` channel binding that names the WebSocket subprotocol a protocol rides on. */
function subprotocolHeader(definition: WebSocketServiceDefinition, offered: readonly string[]): Json {
  const names = definition.subprotocols ?? offered
  return {
    ws: {
      bindingVersion: WS,
      method: 'GET',
      headers: { type: 'object', properties: { 'Sec-WebSocket-Protocol': { type: 'string', enum: [...names] } } },
    },
  }
}

const mqttOptions = (definition: WebSocketServiceDefinition) => (definition.protocolOptions ?? {}) as MqttOptions
const mqttQos = (definition: WebSocketServiceDefinition, channel?: ChannelDefinition) =>
  channel?.qos ?? mqttOptions(definition).qos ?? 0

const BINDINGS: Readonly<Record<ServiceProtocol, ProtocolBindings>> = {
  websocket: { protocol: ['ws', 'wss'] },
  'socket.io': {
    protocol: ['ws', 'wss'],
    // Engine.IO 4 is the transport the adapter speaks, whatever the copied URL said.
    protocolVersion: () => '4',
    channel: (definition, channel) => ({
      'x-socketio': {
        namespace: (definition.protocolOptions as SocketIoOptions | undefined)?.namespace ?? '/',
        event: channel.name,
      },
    }),
  },
  stomp: {
    protocol: ['stomp', 'stomps'],
    protocolVersion: () => '1.2',
    channel: () => ({ stomp: {} }),
  },
  mqtt: {
    protocol: ['mqtt', 'secure-mqtt'],
    protocolVersion: (definition) => (mqttOptions(definition).protocolVersion === 5 ? '5' : '3.1.1'),
    server: (definition) => {
      const options = mqttOptions(definition)
      return {
        mqtt: {
          bindingVersion: MQTT,
          ...(options.clientId !== undefined ? { clientId: options.clientId } : {}),
          cleanSession: options.clean ?? true,
          keepAlive: options.keepaliveSeconds ?? 60,
        },
      }
    },
    receive: (definition, channel) => ({ mqtt: { bindingVersion: MQTT, qos: mqttQos(definition, channel) } }),
    // The adapter publishes with the service's QoS and never asks the broker to retain.
    send: (definition) => ({ mqtt: { bindingVersion: MQTT, qos: mqttQos(definition), retain: false } }),
  },
  'graphql-ws': {
    protocol: ['ws', 'wss'],
    channel: (definition, channel) => {
      const legacy = (definition.protocolOptions as GraphqlWsOptions | undefined)?.legacy === true
      const offered = PROTOCOL_SUBPROTOCOLS['graphql-ws'] ?? []
      return {
        ...subprotocolHeader(definition, legacy ? offered.slice(1) : offered.slice(0, 1)),
        'x-graphql': {
          query: channel.query,
          ...(channel.variables !== undefined ? { variables: channel.variables } : {}),
        },
      }
    },
  },
  sse: {
    protocol: ['http', 'https'],
    receive: (definition) => ({
      http: { bindingVersion: HTTP, method: (definition.protocolOptions as SseOptions | undefined)?.method ?? 'GET' },
    }),
  },
}

/** The server's `protocol` and `protocolVersion`, and its bindings, as AsyncAPI names them. */
export function serverOf(definition: WebSocketServiceDefinition, secure: boolean): Json {
  const rules = BINDINGS[definition.protocol ?? 'websocket']
  const version = rules.protocolVersion?.(definition)
  const bindings = rules.server?.(definition)
  return {
    protocol: rules.protocol[secure ? 1 : 0],
    ...(version !== undefined ? { protocolVersion: version } : {}),
    ...(bindings !== undefined ? { bindings } : {}),
  }
}

/** One channel's bindings (the protocol's, with STOMP's and MQTT's WebSocket subprotocol), or undefined. */
export function channelBindingsOf(
  definition: WebSocketServiceDefinition,
  channel: ChannelDefinition,
): Json | undefined {
  const protocol = definition.protocol ?? 'websocket'
  const own = BINDINGS[protocol].channel?.(definition, channel)
  // STOMP and MQTT name their transport in `protocol`; the subprotocol says they ride on a WebSocket.
  const offered = protocol === 'stomp' || protocol === 'mqtt' ? PROTOCOL_SUBPROTOCOLS[protocol] : undefined
  const transport = offered ? subprotocolHeader(definition, offered) : {}
  const bindings = { ...transport, ...own }
  return Object.keys(bindings).length > 0 ? bindings : undefined
}

/** The bindings of the `receive` operation of a channel, or undefined. */
export function receiveBindingsOf(
  definition: WebSocketServiceDefinition,
  channel: ChannelDefinition,
): Json | undefined {
  return BINDINGS[definition.protocol ?? 'websocket'].receive?.(definition, channel)
}

/** The bindings of the `send` operation (the RequestBody), or undefined. */
export function sendBindingsOf(definition: WebSocketServiceDefinition): Json | undefined {
  return BINDINGS[definition.protocol ?? 'websocket'].send?.(definition)
}

/** The content type of a service's messages: JSON, or the binary format's registered media type. */
export function contentTypeOf(format: PayloadFormat | undefined): string {
  switch (format) {
    case 'msgpack':
      return 'application/msgpack'
    case 'cbor':
      return 'application/cbor'
    case 'protobuf':
      return 'application/x-protobuf'
    default:
      return 'application/json'
  }
}
