import { buildServiceUrl } from './build-url.js'
import type { WebSocketService, WebSocketServiceDefinition } from './types.js'
import { effectivePathParams, effectiveQueryParams } from './url-template.js'

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** Whether `input` is a service (from `defineWebSocketService` or `trustedWebSocketService`), not a definition. */
export function isWebSocketService(input: unknown): input is WebSocketService {
  return (
    typeof input === 'object' &&
    input !== null &&
    typeof (input as WebSocketService).buildUrl === 'function' &&
    typeof (input as WebSocketService).definition === 'object'
  )
}

/**
 * The service of a definition that was validated elsewhere — typically by the server that serves a
 * project's service files — without validating it again. It loads none of the validation code (zod),
 * which keeps a browser app that only runs served projects small. Anything else goes through
 * `defineWebSocketService`, which validates.
 *
 * @example
 * const service = trustedWebSocketService(project.services.chatroom) // checked by the server
 */
export function trustedWebSocketService(definition: WebSocketServiceDefinition): WebSocketService {
  // A JSON copy, as defineWebSocketService stores: freezing must not reach the caller's object.
  const frozen = deepFreeze(JSON.parse(JSON.stringify(definition)) as WebSocketServiceDefinition)
  const queryParams = deepFreeze(effectiveQueryParams(frozen))
  const pathParams = deepFreeze(effectivePathParams(frozen))
  return Object.freeze({
    definition: frozen,
    name: frozen.name,
    queryParams,
    pathParams,
    buildUrl: (values?: Record<string, unknown>) => buildServiceUrl(frozen, values),
    toJSON: () => frozen,
  })
}
