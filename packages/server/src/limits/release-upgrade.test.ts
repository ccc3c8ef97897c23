import { beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { useTempProjects } from '../studio/test-support/temp-projects.js'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'

type ServerSocket = WebSocket & { _socket: { _httpMessage?: unknown } }

// Every WebSocket route lets go of its upgrade request and response once the socket is open, and
// still drops a socket that fails.
describe('releaseUpgradeRequest on every WebSocket route', () => {
  const files = useTempProjects()
  const server = useTestServer({ env: () => ({ PROJECTS_DIR: files.projectsDir }) })
  let cookie = ''

  beforeAll(async () => {
    cookie = await login(server.http, 'admin')
    const body = {
      service: 'heartrateservice',
      recordedAt: '2025-01-01T00:00:00.000Z',
      messages: [
        { at: 0, data: 'first' },
        { at: 60_000, data: 'second' },
      ],
    }
    const saved = await api(server.http, 'PUT', '/api/studio/projects/heartrate/mocks/slow', { cookie, body })
    expect(saved.status).toBe(200)
  })

  const routes: [string, () => string][] = [
    ['heartrate', () => '/websocket/heartrate'],
    ['echo', () => '/websocket/echo'],
    ['mock replay', () => '/websocket/mock/heartrate/slow'],
    ['chat', () => '/websocket/chatroom'],
    ['proxy', () => `/api/proxy?url=${encodeURIComponent(`${server.ws}/websocket/echo`)}`],
  ]

  it.each(routes)(
    '%s: the open socket no longer holds the upgrade response, and a socket error drops it',
    async (_, path) => {
      const before = new Set(server.app.websocketServer.clients)
      const client: RecordingClient = connectClient(`${server.ws}${path()}`, { headers: { cookie } })
      await client.opened
      // The proxy opens its upstream (a socket on the echo route) before the browser's upgrade completes,
      // so this route's own socket is the last new one.
      const opened = await waitFor(
        () => [...server.app.websocketServer.clients].filter((socket) => !before.has(socket)).at(-1),
        'the server side of the socket',
      )
      const socket = opened as ServerSocket
      expect(socket._socket._httpMessage ?? null).toBeNull()

      socket.emit('error', new Error('a failing peer'))
      const closed = await client.closedPromise
      expect(closed.code).toBe(1006)
    },
  )
})
