import type { PreparedService } from '../runtime/create-variables.js'

interface LocationLike {
  protocol: string
  host: string
}

/** `ws:` on an http page, `wss:` on an https page. */
const socketScheme = (location: LocationLike): string => (location.protocol === 'https:' ? 'wss:' : 'ws:')

/**
 * Prepares a project service for the browser: a relative URL (`/websocket/heartrate`) connects to the
 * page's own server, and a `useProxy` service goes through the server's `/api/proxy`, naming the
 * project and service so the server can add the service's secret headers (they never reach the page).
 */
export function prepareBrowserService(
  definition: Record<string, unknown>,
  location: LocationLike,
  project?: string,
): PreparedService {
  const origin = `${socketScheme(location)}//${location.host}`
  const prepared: PreparedService = { service: definition, baseUrl: origin }
  if (definition.useProxy !== true) return prepared
  const query = project === undefined ? '' : `?${new URLSearchParams({ project, service: String(definition.name) })}`
  return { ...prepared, proxyUrl: `${origin}/api/proxy${query}` }
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
