export { type SubscribableVariable, useVariable } from './useVariable.js'
export {
  useWebSocketVariable,
  type WebSocketVariableOptions,
  type WebSocketVariableSnapshot,
} from './useWebSocketVariable.js'
