import { ErrorCodes, TetherError } from '../errors.js'
import { type ProtocolTransport, transportOf } from '../protocols/names.js'
import { socketIoUrl } from '../protocols/socket-io/url.js'
import { isRelativeServiceUrl, trustedWebSocketService, type WebSocketService } from '../service/index.js'

/**
 * http(s) is accepted for convenience (`baseUrl: location.origin`) and mapped to ws(s); an SSE service
 * is reached over http(s), so the same origins are mapped the other way for it.
 */
const SCHEMES: Record<ProtocolTransport, Record<string, string>> = {
  websocket: { 'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:' },
  http: { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' },
}

/** `value` with the scheme of `transport`, or undefined when it is not a ws, wss, http or https URL. */
function socketUrl(value: string, transport: ProtocolTransport = 'websocket'): URL | undefined {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  const scheme = SCHEMES[transport][url.protocol]
  if (scheme === undefined) return undefined
  return new URL(`${scheme}${url.href.slice(url.protocol.length)}`)
}

/** Throws INVALID_VARIABLE_OPTIONS for a baseUrl or proxyUrl that is not a usable URL. */
export function validateConnectOptions(options: { baseUrl?: string; proxyUrl?: string }): void {
  const problems: { path: string; message: string }[] = []
  for (const key of ['baseUrl', 'proxyUrl'] as const) {
    const value = options[key]
    if (value !== undefined && (typeof value !== 'string' || socketUrl(value) === undefined)) {
      problems.push({ path: key, message: 'Use a ws:// or wss:// URL, e.g. ws://localhost:8080.' })
    }
  }
  if (problems.length > 0) {
    throw new TetherError(
      ErrorCodes.INVALID_VARIABLE_OPTIONS,
      `Invalid options: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`,
      { details: problems },
    )
  }
}

/**
 * The service whose URL is absolute: a relative service (`/websocket/chat`) is re-defined on the
 * origin of `baseUrl`; an absolute one is returned as is. Without a baseUrl a relative service is
 * returned unchanged and its `buildUrl` reports INVALID_URL when the variable connects.
 */
export function resolveServiceBase(service: WebSocketService, baseUrl: string | undefined): WebSocketService {
  if (!isRelativeServiceUrl(service.definition.url) || baseUrl === undefined) return service
  const origin = socketUrl(baseUrl, transportOf(service.definition.protocol))?.origin
  if (origin === undefined) return service
  // Concatenated, not resolved with new URL(), so `{placeholders}` in the path survive as written. The
  // service is valid already; an absolute origin in front of its path keeps it so.
  return trustedWebSocketService({ ...service.definition, url: `${origin}${service.definition.url}` })
}

export interface ConnectUrlOptions {
  /** `resume.param` and the resume position, on a reconnect that resumes. */
  resume?: { param: string; value: number | string } | undefined
  /** The proxy endpoint, used when the service has `useProxy`. */
  proxyUrl?: string | undefined
  /**
   * A shared service's feed (see SharedFeedReader): where to resume (`since`, the last sequence number
   * received) and the RequestBody the server sends upstream (`body`); they go on the proxy URL with
   * `shared=1`, not on the service URL, which must stay the same for every viewer of the feed.
   */
  feed?: { since?: number | undefined; body?: string | undefined } | undefined
}

/**
 * The URL a connection really opens: the service URL for the bindings, plus the resume parameter, then
 * wrapped for the server's proxy when the service has `useProxy`. Throws a TetherError (INVALID_URL,
 * MISSING_REQUIRED_PARAMS, PROXY_NOT_CONFIGURED).
 *
 * A resume parameter the service declares is set through the bindings (so it is encoded and placed like
 * any parameter); one it does not declare is appended, because resuming is a transport concern that an
 * imported service definition rarely lists.
 */
export function buildConnectUrl(
  service: WebSocketService,
  bindings: Record<string, unknown>,
  options: ConnectUrlOptions = {},
): string {
  const { resume, proxyUrl } = options
  const declared = resume !== undefined && service.queryParams.some((param) => param.name === resume.param)
  let url = service.buildUrl(declared ? { ...bindings, [resume.param]: resume.value } : bindings)
  if (resume !== undefined && !declared) {
    url += `${url.includes('?') ? '&' : '?'}${encodeURIComponent(resume.param)}=${encodeURIComponent(String(resume.value))}`
  }
  if (service.definition.protocol === 'socket.io') url = socketIoUrl(url)
  if (service.definition.useProxy !== true) return url
  if (proxyUrl === undefined) {
    throw new TetherError(
      ErrorCodes.PROXY_NOT_CONFIGURED,
      `Service '${service.name}' has useProxy, but the variable has no proxyUrl; pass proxyUrl (e.g. ws://localhost:8080/api/proxy).`,
    )
  }
  // An SSE service goes through the same endpoint, over HTTP (the server streams the response on).
  const proxy = (socketUrl(proxyUrl, transportOf(service.definition.protocol)) as URL).href
  let wrapped = `${proxy}${proxy.includes('?') ? '&' : '?'}url=${encodeURIComponent(url)}`
  const { feed } = options
  if (feed !== undefined) wrapped += '&shared=1'
  if (feed?.since !== undefined) wrapped += `&since=${feed.since}`
  if (feed?.body !== undefined && feed.body !== '') wrapped += `&body=${encodeURIComponent(feed.body)}`
  return wrapped
}
