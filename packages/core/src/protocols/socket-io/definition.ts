import * as z from 'zod'
import { channelName, channelSchema, jsonObject } from '../channel-schema.js'

/** Options of a `socket.io` service. */
export interface SocketIoOptions {
  /** The namespace to join, e.g. `/admin`. Defaults to `/`. */
  namespace?: string
  /** Sent with the namespace CONNECT; the server's middleware reads it as `socket.handshake.auth`. Defaults to none. */
  auth?: Record<string, unknown>
}

/** Events the Socket.IO protocol uses for itself; a server cannot emit them as data. */
const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']

export const socketIoOptionsSchema = z.strictObject(
  {
    namespace: z
      .string({ error: 'namespace must be a string.' })
      .regex(/^\/[^?#\s,]*$/, { error: 'A namespace starts with / and has no spaces, commas, ? or #, e.g. "/admin".' })
      .optional(),
    auth: jsonObject('auth').optional(),
  },
  { error: 'protocolOptions of a socket.io service must be an object like { "namespace": "/admin" }.' },
)

export const socketIoChannelSchema = channelSchema(
  channelName('an event name', 'tick').refine((name) => !RESERVED_EVENTS.includes(name), {
    error: `Socket.IO reserves ${RESERVED_EVENTS.join(', ')}; use another event name.`,
  }),
)
