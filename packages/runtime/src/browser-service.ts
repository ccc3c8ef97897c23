import type { WebSocketServiceDefinition } from '@tether/core'
import type { PreparedService } from './create-variables.js'

/** The parts of `window.location` a service needs (so tests and the studio can pass their own). */
export interface LocationLike {
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
  definition: WebSocketServiceDefinition,
  location: LocationLike,
  project?: string,
): PreparedService {
  const origin = `${socketScheme(location)}//${location.host}`
  const prepared: PreparedService = { service: definition, baseUrl: origin }
  if (definition.useProxy !== true) return prepared
  const query = project === undefined ? '' : `?${new URLSearchParams({ project, service: String(definition.name) })}`
  return { ...prepared, proxyUrl: `${origin}/api/proxy${query}` }
}
