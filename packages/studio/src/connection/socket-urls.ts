/** The parts of `window.location` the studio's socket URLs depend on. */
export interface PageLocation {
  protocol: string
  host: string
}

const socketScheme = (page: PageLocation) => (page.protocol === 'https:' ? 'wss:' : 'ws:')

/** `/websocket/heartrate` → `ws(s)://<this host>/websocket/heartrate`; absolute URLs are kept. */
export function resolveSocketUrl(url: string, page: PageLocation): string {
  const trimmed = url.trim()
  if (!trimmed.startsWith('/')) return trimmed
  if (trimmed.startsWith('//')) return `${socketScheme(page)}${trimmed}`
  return `${socketScheme(page)}//${page.host}${trimmed}`
}

/**
 * A test under `username`'s own name, for a service that lets each user post only as themself:
 * `?username=` set to it, and `?test=1` so that the chat echoes what the test sends to the tester alone
 * instead of posting it to the real room. Used for this test only; the service keeps its URL.
 */
export function testAsUserUrl(url: string, username: string): string {
  const target = new URL(url)
  target.searchParams.set('username', username)
  target.searchParams.set('test', '1')
  return target.toString()
}

/** The server's proxy relaying to `target` (`/api/proxy?url=…`), on this page's host. */
export function proxySocketUrl(target: string, page: PageLocation): string {
  return `${socketScheme(page)}//${page.host}/api/proxy?url=${encodeURIComponent(target)}`
}

/**
 * The proxy connecting to a saved service, so the server adds the service's secret headers:
 * `/api/proxy?project=…&service=…&param.<name>=…`.
 */
export function savedServiceProxyUrl(
  project: string,
  service: string,
  params: Record<string, string>,
  page: PageLocation,
): string {
  const query = new URLSearchParams({ project, service })
  for (const [name, value] of Object.entries(params)) query.set(`param.${name}`, value)
  return `${socketScheme(page)}//${page.host}/api/proxy?${query}`
}

/** Replay speeds offered for mocks. */
export const MOCK_SPEEDS = [1, 2, 10] as const

/** `/websocket/mock/<project>/<mock>?speed=…&loop=1` on this page's host. */
export function mockReplayUrl(project: string, mock: string, speed: number, loop: boolean, page: PageLocation): string {
  const query = `speed=${speed}${loop ? '&loop=1' : ''}`
  return `${socketScheme(page)}//${page.host}/websocket/mock/${encodeURIComponent(project)}/${encodeURIComponent(mock)}?${query}`
}
