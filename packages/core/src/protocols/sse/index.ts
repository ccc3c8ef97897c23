import type { ProtocolModule } from '../adapter.js'
import { connectSse, type SseSession } from './connection.js'
import type { SseOptions } from './definition.js'

/** The `sse` protocol (Server-Sent Events over a streaming fetch), loaded by dynamic import. */
export const sseProtocol: ProtocolModule = {
  createAdapter(service) {
    const session: SseSession = {
      options: (service.protocolOptions ?? {}) as SseOptions,
      channels: new Set(service.channels.map((channel) => channel.name)),
      lastEventId: undefined,
    }
    return {
      connect: (context, events) => connectSse(session, context, events),
      forget: () => {
        session.lastEventId = undefined
      },
    }
  },
}
