// @tether/core — the public surface. Everything exported is listed by name; internals stay internal.

export { CloseCodes, closeCodeMeaning, REFUSAL_CLOSE_CODES } from './close-codes.js'
export { type ConnectFailureKind, connectFailureKind } from './connect-failure.js'
export type { DatasetView, LiveDatasetOptions, OnNewData, RouteDatasetOptions, RoutesOptions } from './dataset/index.js'
export {
  DEFAULT_DATA_LIMIT,
  datasetNameProblem,
  datasetOptionProblems,
  LiveDataset,
  MAX_DATA_LIMIT,
  MAX_DATASET_NAME_LENGTH,
  ON_NEW_DATA,
} from './dataset/index.js'
export {
  answersEventStream,
  type BareSocketOutcome,
  DEFAULT_DETECT_QUIET_MS,
  type Detected,
  type DetectProtocolOptions,
  detectProtocol,
  type FetchHeaders,
  isEngineIoOpen,
  isEngineIoUrl,
  type ProtocolDetection,
  probeHandshakes,
  REFUSED_BARE_CANDIDATES,
  SILENT_CANDIDATES,
  watchBareSocket,
} from './detect/index.js'
export type { ErrorCode, ErrorDetail } from './errors.js'
export { ErrorCodes, isTetherError, TetherError } from './errors.js'
export type { BindingValue, CompiledExpression, ExpressionScope } from './expressions/index.js'
export {
  BINDING_PREFIX,
  compileExpression,
  EXPRESSION_CACHE_SIZE,
  evaluateExpression,
  formatDate,
  MAX_EVALUATION_STEPS,
  MAX_EXPRESSION_LENGTH,
  MAX_NESTING_DEPTH,
  parseBindingValue,
} from './expressions/index.js'
export type { SharedFeedBuffer, SharedFeedOptions, UpstreamState, UpstreamStatus } from './feed/index.js'
export {
  encodeFeedError,
  encodeFeedMessage,
  encodeFeedStatus,
  readFeedFrame,
  SHARED_FEED_DEFAULTS,
  SHARED_FEED_MAXIMA,
  sharedFeedBuffer,
} from './feed/index.js'
export { IDENTIFIER_RULE, IDENTIFIER_SOURCE, isIdentifier, MAX_IDENTIFIER_LENGTH } from './identifier.js'
export {
  type BinaryPayloadDecoder,
  type BinaryPayloadFormat,
  detectPayloadFormat,
  HEX_PREVIEW_BYTES,
  hexPreview,
  loadPayloadDecoder,
  MAX_PROTO_CHARS,
  PAYLOAD_FORMATS,
  PayloadDecodeError,
  type PayloadFormat,
  type PayloadFormatSuggestion,
  type ProtobufPayload,
  protoMessageTypes,
} from './payload/index.js'
export type {
  ChannelDefinition,
  ChannelInput,
  ConnectContext,
  GraphqlWsOptions,
  MqttOptions,
  ProtocolAdapter,
  ProtocolConnection,
  ProtocolEvents,
  ProtocolFailure,
  ProtocolModule,
  ProtocolOptions,
  ProtocolServiceInfo,
  ProtocolTransport,
  ServiceProtocol,
  SocketIoOptions,
  SseOptions,
  StompOptions,
} from './protocols/index.js'
export {
  loadProtocol,
  loadXmlParser,
  normalizeChannels,
  PROTOCOL_SUBPROTOCOLS,
  SERVICE_PROTOCOLS,
  socketIoUrl,
  transportOf,
  XML_PARSER_LOADING,
} from './protocols/index.js'
export type {
  FieldKind,
  FieldType,
  InferredField,
  InferredKind,
  InferredSchema,
  InferSchemaOptions,
} from './schema/index.js'
export { inferSchema, toAsyncApi } from './schema/index.js'
export type {
  PathParamDefinition,
  QueryParamDefinition,
  ServiceSamples,
  WebSocketService,
  WebSocketServiceDefinition,
} from './service/index.js'
export {
  buildServiceUrl,
  defineWebSocketService,
  isWebSocketService,
  serializeServiceDefinition,
  trustedWebSocketService,
} from './service/index.js'
export type {
  CloseInfo,
  ConnectionAction,
  ConnectionState,
  ConnectionStatus,
  HeartbeatOptions,
  ReconnectOptions,
  ResumeOptions,
  VariableHandler,
  VariableHandlers,
  VariableSnapshot,
  WebSocketConstructor,
  WebSocketLike,
  WebSocketVariableOptions,
} from './variable/index.js'
export {
  backoffDelay,
  connectionStatusReducer,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_RECONNECT,
  DEFAULT_SEND_QUEUE_LIMIT,
  initialConnectionStatus,
  parseMessage,
  RESUME_KEY_MEMORY,
  VARIABLE_HANDLER_NAMES,
  validateResumeOptions,
  WebSocketVariable,
} from './variable/index.js'
