import type { ProtocolAdapter, ProtocolModule } from '../adapter.js'
import { parseMessage } from '../parse-message.js'
import { closeInfoOf, createSocket, OPEN } from '../socket.js'

/**
 * A bare WebSocket: every frame is one message (parsed as JSON, XML or text; binary as bytes) on no
 * channel, and a message is sent as it is. Loaded with the core (no dynamic import): it is the default.
 */
export function createAdapter(service: {
  subprotocols: readonly string[] | undefined
  /** Hand frames on unparsed (a shared feed's frames are unwrapped before their message is parsed). */
  rawFrames?: boolean
}): ProtocolAdapter {
  const decode = service.rawFrames === true ? (data: unknown) => data : parseMessage
  return {
    connect(context, events) {
      const socket = createSocket(context.WebSocket, context.url, service.subprotocols)
      socket.onopen = (event) => events.opened(event)
      socket.onmessage = (event: { data?: unknown }) => events.received(decode(event.data), undefined, event.data)
      // The close event that always follows an error carries the outcome; handled there, once.
      socket.onerror = () => {}
      socket.onclose = (event) => events.closed(closeInfoOf(event))
      return {
        get writable() {
          return socket.readyState === OPEN
        },
        send: (frame) => socket.send(frame),
        close: (reason) => socket.close(1000, reason),
        terminate: () => (socket.terminate ? socket.terminate() : socket.close(1000, 'terminated')),
      }
    },
  }
}

export const websocketProtocol: ProtocolModule = { createAdapter }
