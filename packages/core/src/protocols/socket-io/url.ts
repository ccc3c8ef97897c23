/** Where a Socket.IO server listens unless it was configured otherwise. */
const DEFAULT_PATH = '/socket.io/'

/**
 * The Engine.IO WebSocket URL of a Socket.IO service: the default `/socket.io/` path when the service URL
 * names none, and `EIO=4&transport=websocket`. So `ws://host:3000` and the URL a browser's
 * devtools show (`ws://host:3000/socket.io/?EIO=4&transport=websocket&sid=…`, `sid` dropped) both work.
 * Kept out of the adapter's chunk: it runs before the proxy wraps the URL.
 */
export function socketIoUrl(serviceUrl: string): string {
  const url = new URL(serviceUrl)
  if (url.pathname === '/' || url.pathname === '') url.pathname = DEFAULT_PATH
  url.searchParams.delete('sid')
  // The adapter speaks Engine.IO 4 over a WebSocket, whatever the copied URL said (EIO=3, polling).
  url.searchParams.set('EIO', '4')
  url.searchParams.set('transport', 'websocket')
  return url.href
}
