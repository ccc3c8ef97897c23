import { isWebSocketService, trustedWebSocketService } from './create-service.js'
import type { WebSocketService, WebSocketServiceDefinition } from './types.js'
import { validateServiceDefinition } from './validate.js'

/**
 * Validates a WebSocket service definition — an object or the JSON text of a service file — and returns
 * the service that WebSocket variables connect to. Every problem is reported at once in a TetherError
 * INVALID_SERVICE_DEFINITION whose `details` locate each one (e.g. `queryParams[1].name`).
 * Passing a service returns it unchanged.
 *
 * @example
 * const chat = defineWebSocketService({ name: 'chatroom', url: 'ws://localhost:8080/websocket/chatroom?username=' })
 * chat.queryParams            // [{ name: 'username' }] — parsed from the url
 * chat.buildUrl({ username: 'ann' })   // 'ws://localhost:8080/websocket/chatroom?username=ann'
 */
export function defineWebSocketService(
  input: WebSocketServiceDefinition | WebSocketService | string,
): WebSocketService {
  if (isWebSocketService(input)) return input
  return trustedWebSocketService(validateServiceDefinition(input))
}
