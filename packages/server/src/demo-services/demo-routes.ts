import type { FastifyPluginAsync } from 'fastify'
import type { ServerConfig } from '../config.js'
import { guardConnection } from '../limits/index.js'
import { HeartrateBroadcaster } from './heartrate.js'

export interface DemoServiceOptions {
  config: ServerConfig
}

/**
 * The public demo WebSocket services, message-compatible with the reference's:
 * `/websocket/heartrate` streams `{"time","value"}` readings; `/websocket/echo` sends back every
 * text and binary frame as received. They carry no user data, so they need no session or origin check.
 */
export const demoServiceRoutes: FastifyPluginAsync<DemoServiceOptions> = async (app, { config }) => {
  const heartrate = new HeartrateBroadcaster({ intervalMs: config.heartrate.intervalMs, limits: config.limits })
  app.addHook('onClose', async () => heartrate.stop())

  app.get('/websocket/heartrate', { websocket: true }, (socket) => {
    heartrate.add(socket)
  })

  app.get('/websocket/echo', { websocket: true }, (socket) => {
    const connection = guardConnection(socket, config.limits)
    socket.on('message', (data: Buffer, isBinary) =>
      connection.send(isBinary ? data : data.toString(), { binary: isBinary }),
    )
  })
}
