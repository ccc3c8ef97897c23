import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server as SocketIoServer } from 'socket.io'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMqttBroker } from '../../../../test-support/mqtt-broker.mjs'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { useTempProjects } from './test-support/temp-projects.js'

describe('POST /api/studio/detect-protocol', () => {
  let broker: Awaited<ReturnType<typeof startMqttBroker>>
  let io: SocketIoServer
  let socketIoPort = 0
  let engineConnections = 0
  beforeAll(async () => {
    broker = await startMqttBroker()
    const http = createServer()
    io = new SocketIoServer(http)
    io.engine.on('connection', () => engineConnections++)
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    socketIoPort = (http.address() as AddressInfo).port
  })
  afterAll(async () => {
    await broker?.close()
    await new Promise<void>((resolve) => (io ? io.close(() => resolve()) : resolve()))
  })

  const files = useTempProjects()
  // The MQTT broker is allowed; the Socket.IO server, also on loopback, is not.
  const server = useTestServer({
    env: () => ({
      PROJECTS_DIR: files.projectsDir,
      STUDIO_DIR: files.studioDir,
      PROXY_ALLOW: `127.0.0.1:${broker.port}`,
      PROXY_ALLOW_SELF: 'false',
    }),
  })
  let admin: string
  beforeAll(async () => {
    admin = await login(server.http, 'admin')
  })
  const detect = (url: unknown, cookie = admin) =>
    api(server.http, 'POST', '/api/studio/detect-protocol', { cookie, body: { url } })

  it('says what an allowed service speaks, with the reason', async () => {
    const found = await detect(broker.url)
    expect(found.status).toBe(200)
    expect(found.body).toEqual({ protocol: 'mqtt', reason: 'it accepted the mqtt subprotocol and answered CONNECT' })
  })

  it('refuses a target the proxy may not reach, without connecting to it', async () => {
    const refused = await detect(`ws://127.0.0.1:${socketIoPort}/`)
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('TETHER_PROXY_FORBIDDEN')
    expect(refused.body.message).toMatch(/may not connect to this address.*PROXY_ALLOW=127\.0\.0\.1:/)
    expect((await detect(`http://10.1.2.3:${socketIoPort}/events`)).body.code).toBe('TETHER_PROXY_FORBIDDEN')
    expect(engineConnections).toBe(0)
  })

  it('answers a malformed URL with the reason, and a bad body with a coded error', async () => {
    expect((await detect('localhost:1883')).body).toEqual({
      protocol: null,
      reason: 'a service address starts with ws://, wss://, http:// or https://',
    })
    const bad = await detect(42)
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('TETHER_VALIDATION_FAILED')
  })

  it('is for the admin only', async () => {
    const user = await login(server.http, 'user1')
    expect((await detect(broker.url, user)).status).toBe(403)
    expect((await api(server.http, 'POST', '/api/studio/detect-protocol', { body: { url: broker.url } })).status).toBe(
      401,
    )
  })
})
