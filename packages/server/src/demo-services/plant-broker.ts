import { Aedes } from 'aedes'
import type { FastifyPluginAsync } from 'fastify'
import { createWebSocketStream, type WebSocket } from 'ws'
import type { ServerConfig } from '../config.js'
import {
  CloseCodes,
  closeReason,
  guardConnection,
  logAndTerminate,
  releaseUpgradeRequest,
  SLOW_READER_REASON,
} from '../limits/index.js'
import { checkOrigin } from '../security/index.js'
import { PlantSensors } from './plant-sensors.js'

const PLANT_BROKER_PATH = '/mqtt'

/**
 * The demo MQTT broker (aedes) on the server's own HTTP server at `/mqtt` (subprotocol `mqtt`), fed by
 * four simulated plant sensors. It goes through the same upgrade checks as every WebSocket route (Host,
 * connection cap) plus an Origin check, as the chat does. Clients may subscribe but not publish: the
 * sensors are the only source, so the retained messages (the latest reading and status of each plant,
 * eight in all) are the broker's only stored state. The sensors run only while a client is connected.
 */
export const plantBrokerRoutes: FastifyPluginAsync<{ config: ServerConfig }> = async (app, { config }) => {
  const broker = await Aedes.createBroker()
  broker.authorizePublish = (_client, _packet, done) => done(new Error('the plant sensors are read-only'))
  const sensors = new PlantSensors()
  const sockets = new Set<WebSocket>()
  let timer: NodeJS.Timeout | null = null

  const publish = () => {
    for (const { topic, payload } of sensors.tick()) {
      const packet = { cmd: 'publish', topic, payload: Buffer.from(JSON.stringify(payload)), qos: 0, retain: true }
      broker.publish({ ...packet, dup: false } as Parameters<typeof broker.publish>[0], () => {})
    }
    // aedes writes to the socket without asking: a client that stopped reading is closed here, as the
    // other demo services close one, before its unsent bytes pass the server's limit.
    for (const socket of sockets)
      if (socket.bufferedAmount > config.limits.maxBufferedBytes)
        socket.close(CloseCodes.TRY_LATER, closeReason(SLOW_READER_REASON))
  }

  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer)
    timer = null
    await new Promise<void>((resolve) => broker.close(() => resolve()))
  })
  const onError = logAndTerminate(app.log, 'mqtt')

  app.get(PLANT_BROKER_PATH, { websocket: true }, (socket, request) => {
    if (!checkOrigin(request, config)) {
      socket.close(CloseCodes.FORBIDDEN, 'TETHER_FORBIDDEN: this origin may not open the MQTT broker')
      return
    }
    releaseUpgradeRequest(socket, request, onError)
    const heartbeat = guardConnection(socket, config.limits)
    sockets.add(socket)
    if (!timer) {
      publish() // retained: the client's subscriptions get each plant's latest reading at once
      timer = setInterval(publish, config.plantSensors.intervalMs)
    }
    socket.once('close', () => {
      heartbeat.dispose()
      sockets.delete(socket)
      if (sockets.size > 0 || !timer) return
      clearInterval(timer)
      timer = null
    })
    const stream = createWebSocketStream(socket)
    stream.on('error', () => {}) // a dropped socket ends the client; aedes cleans up on close
    broker.handle(stream)
  })
}
