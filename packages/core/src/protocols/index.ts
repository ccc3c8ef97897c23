export type {
  ConnectContext,
  ProtocolAdapter,
  ProtocolConnection,
  ProtocolEvents,
  ProtocolFailure,
  ProtocolModule,
  ProtocolServiceInfo,
} from './adapter.js'
export type { ChannelDefinition, ChannelInput } from './channels.js'
export { normalizeChannels } from './channels.js'
export type { ProtocolOptions } from './definitions.js'
export type { GraphqlWsOptions } from './graphql-ws/definition.js'
export { loadProtocol } from './load.js'
export type { MqttOptions } from './mqtt/definition.js'
export type { ProtocolTransport, ServiceProtocol } from './names.js'
export { SERVICE_PROTOCOLS, transportOf } from './names.js'
export { parseMessage, XML_PARSER_LOADING } from './parse-message.js'
export type { CloseInfo, WebSocketConstructor, WebSocketLike } from './socket.js'
export type { SocketIoOptions } from './socket-io/definition.js'
export { socketIoUrl } from './socket-io/url.js'
export type { SseOptions } from './sse/definition.js'
export type { StompOptions } from './stomp/definition.js'
export { PROTOCOL_SUBPROTOCOLS } from './subprotocols.js'
export { loadXmlParser } from './xml.js'
