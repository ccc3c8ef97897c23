import type { PreparedService } from '../runtime/create-variables.js'

interface LocationLike {
  protocol: string
  host: string
}

/** `ws:` on an http page, `wss:` on an https page. */
const socketScheme = (location: LocationLike): string => (location.protocol === 'https:' ? 'wss:' : 'ws:')

/** `/websocket/heartrate` → `ws(s)://<page host>/websocket/heartrate`; absolute URLs are kept. */
export function resolveServiceUrl(url: string, location: LocationLike): string {
  if (/^wss?:\/\//i.test(url)) return url
  if (url.startsWith('//')) return `${socketScheme(location)}${url}`
  const path = url.startsWith('/') ? url : `/${url}`
  return `${socketScheme(location)}//${location.host}${path}`
}

/** The proxy endpoint for a fully built target URL. */
export function proxyUrl(target: string, location: LocationLike): string {
  return `${socketScheme(location)}//${location.host}/api/proxy?url=${encodeURIComponent(target)}`
}

/**
 * Prepares a project service for the browser. For `useProxy` services the variable still builds the
 * target URL (path and query parameters) itself; the returned WebSocket class then connects to the
 * server's proxy with that URL, so secrets and ws:// targets stay behind the server.
 */
export function prepareBrowserService(
  definition: Record<string, unknown>,
  location: LocationLike,
  BaseWebSocket: typeof WebSocket = globalThis.WebSocket,
): PreparedService {
  const url = typeof definition.url === 'string' ? resolveServiceUrl(definition.url, location) : definition.url
  const service = { ...definition, url }
  if (definition.useProxy !== true) return { service }
  class ProxiedWebSocket extends BaseWebSocket {
    constructor(target: string | URL, protocols?: string | string[]) {
      super(proxyUrl(String(target), location), protocols)
    }
  }
  return { service, WebSocket: ProxiedWebSocket }
}

/** The project name from `/apps/<name>/…`, or null when the page is not served under /apps/. */
export function projectNameFromPath(pathname: string): string | null {
  const match = /^\/apps\/([A-Za-z0-9_-]+)(?:\/|$)/.exec(pathname)
  return match?.[1] ?? null
}

/**
 * The URL of a page's script module: `./scripts/main.js` → `<origin>/apps/<project>/scripts/main.js`,
 * resolved against the app's root (not the current document, whose path may be an in-app route), so
 * the server can serve it from the project's `scripts/` folder.
 */
export function pageScriptUrl(script: string, location: { origin: string; pathname: string }): string {
  const name = projectNameFromPath(location.pathname)
  const base =
    name === null ? new URL('./', `${location.origin}${location.pathname}`).href : `${location.origin}/apps/${name}/`
  return new URL(script, base).href
}

/** The page named in the hash (`#/Main`), or null. */
export function pageFromHash(hash: string): string | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return name === '' ? null : decodeURIComponent(name)
}
