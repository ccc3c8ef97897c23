export { parseMessage } from '../protocols/parse-message.js'
export type { ReconnectOptions } from './backoff.js'
export { backoffDelay, DEFAULT_RECONNECT } from './backoff.js'
export { DEFAULT_CONNECT_TIMEOUT_MS } from './connection.js'
export type { ConnectionAction, ConnectionState, ConnectionStatus } from './connection-status.js'
export { connectionStatusReducer, initialConnectionStatus } from './connection-status.js'
export type { HeartbeatOptions } from './heartbeat.js'
export type {
  CloseInfo,
  VariableHandler,
  VariableHandlers,
  VariableSnapshot,
  WebSocketConstructor,
  WebSocketLike,
  WebSocketVariableOptions,
} from './options.js'
export { VARIABLE_HANDLER_NAMES } from './options.js'
export type { ResumeOptions } from './resume.js'
export { RESUME_KEY_MEMORY, validateResumeOptions } from './resume.js'
export { DEFAULT_SEND_QUEUE_LIMIT } from './send-queue.js'
export { WebSocketVariable } from './WebSocketVariable.js'
