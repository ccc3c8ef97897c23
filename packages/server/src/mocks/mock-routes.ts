import type { FastifyPluginAsync } from 'fastify'
import type { RawData, WebSocket } from 'ws'
import type { ServerConfig } from '../config.js'
import { ApiError, type ApiErrorCode, ApiErrorCodes } from '../errors/index.js'
import {
  CloseCodes,
  closeReason,
  type GuardedConnection,
  guardConnection,
  logAndTerminate,
  releaseUpgradeRequest,
} from '../limits/index.js'
import { type ReplayOptions, replayMessages } from './mock-replay.js'
import { type MockSession, parseMockSession } from './mock-session.js'
import { replayMqtt } from './replay-mqtt.js'
import { replaySocketIo } from './replay-socket-io.js'

export interface MockRoutesOptions {
  config: ServerConfig
  /** Reads a project's mock file (the studio's project files); throws an error with a `code` when missing. */
  readMock(project: string, mock: string): Promise<unknown>
}

/** Frames a client may send before its protocol replay is ready; more are dropped. */
const MAX_HELD_FRAMES = 16

/** Replay rates accepted by `?speed=`. */
const MIN_SPEED = 0.1
const MAX_SPEED = 100

type MockParams = { project: string; mock: string }
type MockQuery = { speed?: string; loop?: string }

/** `?speed=` and `?loop=` as numbers and flags, or the reason they are refused. */
export function parseReplayQuery(query: MockQuery): { speed: number; loop: boolean } | string {
  const speed = query.speed === undefined || query.speed === '' ? 1 : Number(query.speed)
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED)
    return `speed must be a number from ${MIN_SPEED} to ${MAX_SPEED} (e.g. 1, 2 or 10)`
  const loop = (query.loop ?? '').toLowerCase()
  if (!['', '0', '1', 'true', 'false'].includes(loop)) return 'loop must be 1 or 0'
  return { speed, loop: loop === '1' || loop === 'true' }
}

/**
 * `GET /websocket/mock/<project>/<mock>?speed=1&loop=1` — plays a recorded session (a project's
 * `mocks/<mock>.mock.json`) with its recorded timing, so apps and tests run without the real service:
 * as a WebSocket service, or as the protocol it was recorded from (a Socket.IO server, an MQTT broker),
 * each message on its channel. Like the demo services it needs no session. Each connection gets the
 * server's connection limits; without `loop` the socket closes with 1000 after the last message.
 * A missing mock or bad option closes with 1008 and a reason `TETHER_…: what to do`.
 */
export const mockRoutes: FastifyPluginAsync<MockRoutesOptions> = async (app, { config, readMock }) => {
  const onSocketError = logAndTerminate(app.log, 'mock replay')
  // Socket.IO clients add a slash to the path they are given (`/websocket/mock/p/m/?EIO=4…`).
  for (const path of ['/websocket/mock/:project/:mock', '/websocket/mock/:project/:mock/'])
    app.get<{ Params: MockParams; Querystring: MockQuery }>(path, { websocket: true }, async (socket, request) => {
      // A looping replay can run for hours; this handler keeps the request only until the replay starts.
      releaseUpgradeRequest(socket, request, onSocketError)
      const refuse = (code: ApiErrorCode, message: string) =>
        socket.close(CloseCodes.POLICY, closeReason(`${code}: ${message}`))
      const options = parseReplayQuery(request.query)
      if (typeof options === 'string') return refuse(ApiErrorCodes.VALIDATION_FAILED, options)
      // What a client says before its replay is ready (an MQTT CONNECT) is kept for the replay, to a bound.
      const held: [RawData, boolean][] = []
      const hold = (data: RawData, isBinary: boolean) =>
        void (held.length < MAX_HELD_FRAMES && held.push([data, isBinary]))
      socket.on('message', hold)
      let session: MockSession
      try {
        const { project, mock } = request.params
        session = parseMockSession(await readMock(project, mock), 'mock')
      } catch (error) {
        const code = error instanceof ApiError ? error.code : ApiErrorCodes.NOT_FOUND
        return refuse(code, (error as Error).message)
      }
      if (socket.readyState !== socket.OPEN) return // the client left while the file was read
      const connection = guardConnection(socket, config.limits)
      if (session.protocol === 'socket.io') replaySocketIo(socket, connection, session, options)
      else if (session.protocol === 'mqtt') await replayMqtt(socket, session, options, config.limits.maxBufferedBytes)
      else replayWebSocket(socket, connection, session, options)
      // The replay's own listener is attached now: hand it what was held, in order.
      socket.off('message', hold)
      for (const [data, isBinary] of held) socket.emit('message', data, isBinary)
    })
}

/** A bare WebSocket replay: each message as a text or binary frame; what the client sends is ignored. */
function replayWebSocket(
  socket: WebSocket,
  connection: GuardedConnection,
  session: MockSession,
  options: ReplayOptions,
) {
  socket.on('message', () => {}) // a listener keeps frames from piling up anywhere
  const stop = replayMessages(session.messages, options, {
    send: (message) =>
      connection.send(message.binary ? Buffer.from(message.data, 'base64') : message.data, {
        binary: message.binary === true,
      }),
    end: () => socket.close(CloseCodes.NORMAL, 'end of the recording'),
  })
  socket.once('close', stop)
}
