import type { TestTransport, TransportHandlers } from './transport.js'

/** A bare WebSocket: text frames as strings, binary ones as bytes. Throws what the constructor throws. */
export function openSocketTransport(
  WebSocketClass: typeof WebSocket,
  url: string,
  protocols: string[],
  requestBody: string,
  handlers: TransportHandlers,
): TestTransport {
  const socket = new WebSocketClass(url, protocols)
  socket.binaryType = 'arraybuffer'
  let opened = false
  socket.onopen = () => {
    opened = true
    handlers.opened()
    if (requestBody.trim() !== '') socket.send(requestBody)
  }
  socket.onmessage = (event: MessageEvent) => {
    if (event.data instanceof ArrayBuffer) {
      const bytes = new Uint8Array(event.data)
      handlers.received(bytes, undefined, bytes.length)
    } else {
      const text = String(event.data)
      handlers.received(text, undefined, new TextEncoder().encode(text).length)
    }
  }
  // An error event carries no detail in browsers; the close event that follows is explained instead.
  socket.onerror = () => undefined
  socket.onclose = (event: CloseEvent) => handlers.closed({ code: event.code, reason: event.reason, opened })
  return {
    send: (text) => socket.send(text),
    close: () => {
      socket.onopen = socket.onmessage = socket.onclose = null
      if (socket.readyState === socket.CONNECTING || socket.readyState === socket.OPEN) socket.close(1000)
    },
  }
}
