import type { ProtocolModule } from '../adapter.js'
import { connectSocketIo } from './connection.js'
import { SocketIoSession } from './session.js'

/** The `socket.io` protocol, loaded by dynamic import the first time a variable connects to such a service. */
export const socketIoProtocol: ProtocolModule = {
  createAdapter(service) {
    const session = new SocketIoSession(service)
    return {
      connect: (context, events) => connectSocketIo(session, context, events),
      forget: () => session.forget(),
    }
  },
}
