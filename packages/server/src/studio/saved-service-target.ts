import type { ServiceProtocol, SharedFeedBuffer, WebSocketServiceDefinition } from '@tether/core'
import {
  buildServiceUrl,
  defineWebSocketService,
  IDENTIFIER_SOURCE,
  isTetherError,
  sharedFeedBuffer,
  socketIoUrl,
} from '@tether/core'
import { ApiError, type ApiErrorCode, ApiErrorCodes } from '../errors/index.js'
import { ProjectFolder } from '../projects/index.js'
import type { SecretsStore, ServiceCredentials } from './secrets-store.js'

/** Where the proxy connects for a saved service, the protocol spoken there and the secrets it adds. */
export interface SavedServiceTarget {
  url: string
  /** The service definition's protocol (`websocket` when it names none). */
  protocol: ServiceProtocol
  /** Secret headers, added to the WebSocket handshake or the event-stream request. */
  headers: Record<string, string>
  /** Headers the definition itself sets on its HTTP request (an `sse` service's `protocolOptions.headers`). */
  requestHeaders: Record<string, string>
  credentials: ServiceCredentials
  /** The feed's buffer when the service is shared (one upstream for all viewers), else null. */
  shared: SharedFeedBuffer | null
}

/** Why a saved service cannot be proxied: a stable code and what to do. */
export class SavedServiceError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'SavedServiceError'
  }
}

/**
 * Turns `?project=&service=&param.<name>=` into the target URL of a saved service and the secret
 * headers stored for it. With `requestedUrl` (`&url=`, as the runtime's variables send it) that URL
 * is used instead, provided it is an address of the saved service. `params` fill the service's query and path parameters (defaults apply); a
 * relative service URL (`/websocket/heartrate`) means this server, reached at `selfOrigin`.
 * The caller still runs the result through the proxy's SSRF guard.
 *
 * @example
 * await resolveSavedService({ projectsDir, secrets }, 'chatroom', 'chatroom', { username: 'ann' }, 'ws://127.0.0.1:8080')
 * // { url: 'ws://…/websocket/chatroom?username=ann', headers: { Authorization: '…' } }
 */
export async function resolveSavedService(
  stores: { projectsDir: string; secrets: SecretsStore },
  project: string,
  service: string,
  params: Record<string, string>,
  selfOrigin: string,
  requestedUrl?: string,
): Promise<SavedServiceTarget> {
  let definition: WebSocketServiceDefinition
  try {
    const file = await new ProjectFolder(stores.projectsDir, project).read('service', service)
    definition = defineWebSocketService(file as WebSocketServiceDefinition).definition
  } catch (error) {
    const code = error instanceof ApiError ? error.code : ApiErrorCodes.NOT_FOUND
    throw new SavedServiceError(code, (error as Error).message)
  }
  // Relative as core means it: a path on the serving host (`//host/…` is protocol-relative, not relative).
  const relative = definition.url.startsWith('/') && !definition.url.startsWith('//')
  const absolute = relative ? { ...definition, url: `${selfOrigin}${definition.url}` } : definition
  // A Socket.IO service named by its origin is reached at its Engine.IO path, as the variable does.
  const engineIo = (address: string) => (definition.protocol === 'socket.io' ? socketIoUrl(address) : address)
  const template = absolute.url.includes('{') ? absolute.url : engineIo(absolute.url)
  let url: string
  if (requestedUrl !== undefined) {
    // The runtime built the URL itself (bindings, resume position); secrets go only where the saved
    // service points, so the URL must have the service's origin and path shape. A relative service
    // lives on this server, whatever host name the browser used: only its path and query are kept.
    const candidate = relative ? rebaseOnto(requestedUrl, selfOrigin) : requestedUrl
    if (candidate === null || !matchesServiceUrl(template, candidate)) {
      throw new SavedServiceError(
        ApiErrorCodes.PROXY_FORBIDDEN,
        `service "${service}" is at ${definition.url}, not ${requestedUrl}`,
      )
    }
    url = candidate
  } else {
    try {
      url = engineIo(buildServiceUrl(absolute, params))
    } catch (error) {
      if (!isTetherError(error)) throw error
      const missing = error.code === ApiErrorCodes.MISSING_REQUIRED_PARAMS
      throw new SavedServiceError(
        missing ? ApiErrorCodes.MISSING_REQUIRED_PARAMS : ApiErrorCodes.INVALID_URL,
        error.message,
      )
    }
  }
  const { headers, credentials } = await stores.secrets.secretsFor(project, service)
  const protocol = definition.protocol ?? 'websocket'
  const options = definition.protocolOptions as { headers?: Record<string, string> } | undefined
  const requestHeaders = protocol === 'sse' ? { ...options?.headers } : {}
  return { url, protocol, headers, requestHeaders, credentials, shared: sharedFeedBuffer(definition.shared) }
}

/** `candidate`'s path and query on `origin`, or null when it is not a URL. */
function rebaseOnto(candidate: string, origin: string): string | null {
  try {
    const parsed = new URL(candidate)
    return `${origin}${parsed.pathname}${parsed.search}`
  } catch {
    return null
  }
}

/**
 * Whether `candidate` is an address of the service URL template: same scheme, host and port, and a
 * path whose segments equal the template's, each `{placeholder}` standing for one non-empty segment.
 * The query string is free (it carries the service's query params).
 */
export function matchesServiceUrl(template: string, candidate: string): boolean {
  let wanted: URL
  let given: URL
  try {
    // Placeholders are not valid in every URL position; swap them for a marker before parsing.
    wanted = new URL(template.replace(new RegExp(`\\{${IDENTIFIER_SOURCE}\\}`, 'g'), '%7Bparam%7D'))
    given = new URL(candidate)
  } catch {
    return false
  }
  if (wanted.protocol !== given.protocol || wanted.host !== given.host) return false
  const wantedSegments = wanted.pathname.split('/')
  const givenSegments = given.pathname.split('/')
  if (wantedSegments.length !== givenSegments.length) return false
  return wantedSegments.every((segment, i) => {
    const actual = givenSegments[i] ?? ''
    return segment === '%7Bparam%7D' ? actual !== '' && actual !== '.' && actual !== '..' : segment === actual
  })
}

/** `param.<name>=value` pairs of a query string, without the prefix. */
export function serviceParamsFromQuery(query: Record<string, unknown>): Record<string, string> {
  const params: Record<string, string> = {}
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith('param.') && typeof value === 'string') params[key.slice('param.'.length)] = value
  }
  return params
}
