import { buildServiceUrl } from './build-url.js'
import type { WebSocketService, WebSocketServiceDefinition } from './types.js'
import { effectivePathParams, effectiveQueryParams } from './url-template.js'
import { validateServiceDefinition } from './validate.js'

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

function isService(input: unknown): input is WebSocketService {
  return (
    typeof input === 'object' &&
    input !== null &&
    typeof (input as WebSocketService).buildUrl === 'function' &&
    typeof (input as WebSocketService).definition === 'object'
  )
}

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
  if (isService(input)) return input
  const definition = deepFreeze(validateServiceDefinition(input))
  const queryParams = deepFreeze(effectiveQueryParams(definition))
  const pathParams = deepFreeze(effectivePathParams(definition))
  return Object.freeze({
    definition,
    name: definition.name,
    queryParams,
    pathParams,
    buildUrl: (values?: Record<string, unknown>) => buildServiceUrl(definition, values),
    toJSON: () => definition,
  })
}
