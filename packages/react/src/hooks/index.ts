export { type SubscribableVariable, useVariable } from './use-variable.js'
export {
  useWebSocketVariable,
  type WebSocketVariableOptions,
  type WebSocketVariableSnapshot,
} from './use-websocket-variable.js'
