/**
 * Whether a URL names Engine.IO (Socket.IO's transport): a `/socket.io` path, or `EIO=` in the query,
 * as in the URL a browser's developer tools show for a Socket.IO page.
 */
export function isEngineIoUrl(url: URL): boolean {
  return url.pathname.includes('/socket.io') || url.searchParams.has('EIO')
}

/** Engine.IO's open packet, the first frame a Socket.IO server sends: `0{"sid":…,"pingInterval":…}`. */
export function isEngineIoOpen(text: string): boolean {
  if (!text.startsWith('0{')) return false
  try {
    const open = JSON.parse(text.slice(1)) as Record<string, unknown>
    return typeof open.sid === 'string' && typeof open.pingInterval === 'number'
  } catch {
    return false
  }
}

/** Whether a response's Content-Type is an SSE stream. */
export function isEventStreamType(contentType: string | null): boolean {
  return /^text\/event-stream\b/i.test(contentType ?? '')
}
