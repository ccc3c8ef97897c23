import type { FastifyPluginAsync } from 'fastify'
import type { ServerConfig } from '../config.js'
import { guardConnection, logAndTerminate, releaseUpgradeRequest } from '../limits/index.js'
import { HeartrateBroadcaster } from './heartrate.js'
import { plantBrokerRoutes } from './plant-broker.js'

export interface DemoServiceOptions {
  config: ServerConfig
}

/**
 * The public demo WebSocket services, in the message shapes the example projects' pages are bound to:
 * `/websocket/heartrate` streams `{"time","value"}` readings; `/websocket/echo` sends back every
 * text and binary frame as received. They carry no user data, so they need no session or origin check.
 * With `PLANT_SENSORS` (on in demo mode), `/mqtt` is an MQTT broker with simulated plant sensors.
 */
export const demoServiceRoutes: FastifyPluginAsync<DemoServiceOptions> = async (app, { config }) => {
  const heartrate = new HeartrateBroadcaster({ intervalMs: config.heartrate.intervalMs, limits: config.limits })
  app.addHook('onClose', async () => heartrate.stop())
  if (config.plantSensors.enabled) await app.register(plantBrokerRoutes, { config })
  // Listeners stay for hours: the upgrade's request and response must not live as long as they do.
  const onHeartrateError = logAndTerminate(app.log, 'heartrate')
  const onEchoError = logAndTerminate(app.log, 'echo')

  app.get('/websocket/heartrate', { websocket: true }, (socket, request) => {
    releaseUpgradeRequest(socket, request, onHeartrateError)
    heartrate.add(socket)
  })

  app.get('/websocket/echo', { websocket: true }, (socket, request) => {
    releaseUpgradeRequest(socket, request, onEchoError)
    const connection = guardConnection(socket, config.limits)
    socket.on('message', (data: Buffer, isBinary) =>
      connection.send(isBinary ? data : data.toString(), { binary: isBinary }),
    )
  })
}
