import type { FastifyPluginAsync } from 'fastify'
import type { ServerConfig } from '../config.js'
import { ApiError, type ApiErrorCode, ApiErrorCodes } from '../errors/index.js'
import { CloseCodes, closeReason, guardConnection, logAndTerminate, releaseUpgradeRequest } from '../limits/index.js'
import { replayMessages } from './mock-replay.js'
import { parseMockSession } from './mock-session.js'

export interface MockRoutesOptions {
  config: ServerConfig
  /** Reads a project's mock file (the studio's project files); throws an error with a `code` when missing. */
  readMock(project: string, mock: string): Promise<unknown>
}

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
 * `mocks/<mock>.mock.json`) as a WebSocket service with its recorded timing, so apps and tests run
 * without the real service. Like the demo services it needs no session. Each connection gets the
 * server's connection limits; without `loop` the socket closes with 1000 after the last message.
 * A missing mock or bad option closes with 1008 and a reason `TETHER_…: what to do`.
 */
export const mockRoutes: FastifyPluginAsync<MockRoutesOptions> = async (app, { config, readMock }) => {
  const onSocketError = logAndTerminate(app.log, 'mock replay')
  app.get<{ Params: MockParams; Querystring: MockQuery }>(
    '/websocket/mock/:project/:mock',
    { websocket: true },
    async (socket, request) => {
      // A looping replay can run for hours; this handler keeps the request only until the replay starts.
      releaseUpgradeRequest(socket, request, onSocketError)
      const refuse = (code: ApiErrorCode, message: string) =>
        socket.close(CloseCodes.POLICY, closeReason(`${code}: ${message}`))
      const options = parseReplayQuery(request.query)
      if (typeof options === 'string') return refuse(ApiErrorCodes.VALIDATION_FAILED, options)
      // Incoming frames are ignored; a listener keeps them from piling up anywhere.
      socket.on('message', () => {})
      let session: ReturnType<typeof parseMockSession>
      try {
        const { project, mock } = request.params
        session = parseMockSession(await readMock(project, mock), 'mock')
      } catch (error) {
        const code = error instanceof ApiError ? error.code : ApiErrorCodes.NOT_FOUND
        return refuse(code, (error as Error).message)
      }
      if (socket.readyState !== socket.OPEN) return // the client left while the file was read
      const connection = guardConnection(socket, config.limits)
      const stop = replayMessages(session.messages, options, {
        send: (message) =>
          connection.send(message.binary ? Buffer.from(message.data, 'base64') : message.data, {
            binary: message.binary === true,
          }),
        end: () => socket.close(CloseCodes.NORMAL, 'end of the recording'),
      })
      socket.once('close', stop)
    },
  )
}
