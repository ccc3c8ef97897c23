import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { defineWebSocketService, WebSocketVariable } from '@tether/core'
import { connectAsync, type MqttClient } from 'mqtt'
import { Server as SocketIoServer } from 'socket.io'
import { type Socket, io as socketIoClient } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WS from 'ws'
import { useTempProjects } from '../studio/test-support/temp-projects.js'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { waitFor } from '../test-support/realtime-helpers.js'
import type { MockMessage } from './mock-session.js'

/** What a recorder keeps of one message, and what a replay must deliver again on the same channel. */
interface Heard {
  channel: string
  value: unknown
}

/** A message as the mock file stores it: JSON text, or base64 bytes. */
function recorded(startedAt: number, channel: string, value: unknown): MockMessage {
  const at = Date.now() - startedAt
  if (Buffer.isBuffer(value)) return { at, data: value.toString('base64'), binary: true, channel }
  return { at, data: JSON.stringify(value), channel }
}

const perChannel = (heard: readonly Heard[], channel: string) => heard.filter((m) => m.channel === channel)

// Generous: recording and replaying real sessions on a busy machine; every wait has its own deadline.
describe('a recorded protocol session replays as that protocol, each message on its channel', {
  timeout: 90_000,
}, () => {
  const files = useTempProjects()
  const server = useTestServer({ env: () => ({ PROJECTS_DIR: files.projectsDir, PLANT_SENSORS_INTERVAL_MS: '20' }) })
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  const saveMock = async (name: string, body: object) => {
    const cookie = await login(server.http, 'admin')
    const saved = await api(server.http, 'PUT', `/api/studio/projects/heartrate/mocks/${name}`, { cookie, body })
    expect(saved.status).toBe(200)
  }

  // A live Socket.IO server: `tick` and `chat` events and a binary `frame` in the /market namespace.
  let live: SocketIoServer
  let livePort = 0
  beforeAll(async () => {
    const http = createServer()
    live = new SocketIoServer(http, { transports: ['websocket'] })
    live.of('/market').on('connection', (socket) => {
      let n = 0
      const timer = setInterval(() => {
        n++
        socket.emit('tick', { n, price: 100 + n })
        if (n % 2 === 0) socket.emit('chat', { text: `message ${n}` })
        if (n % 3 === 0) socket.emit('frame', Buffer.from([n, 0, 255]))
      }, 5)
      socket.on('disconnect', () => clearInterval(timer))
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    livePort = (http.address() as AddressInfo).port
  })
  afterAll(async () => {
    await live?.close()
  })

  const listen = (socket: Socket, heard: Heard[]) =>
    socket.onAny((channel: string, value: unknown) => heard.push({ channel, value }))

  it('Socket.IO: recorded from a real server, replayed to a real Socket.IO client and a variable', async () => {
    // Record: a real socket.io-client on the live server, each event with its channel and timing.
    const recorder = socketIoClient(`http://127.0.0.1:${livePort}/market`, { transports: ['websocket'] })
    cleanups.push(() => recorder.disconnect())
    const startedAt = Date.now()
    const messages: MockMessage[] = []
    const heardLive: Heard[] = []
    recorder.onAny((channel: string, value: unknown) => {
      messages.push(recorded(startedAt, channel, value))
      heardLive.push({ channel, value })
    })
    await waitFor(() => messages.length >= 30, 'thirty live events', 20_000)
    recorder.disconnect()
    await saveMock('market', { service: 'market', recordedAt: startedAt, protocol: 'socket.io', messages })

    // Replay to a stock Socket.IO client, in the namespace it asks for.
    const client = socketIoClient(`${server.http}/market`, {
      path: '/websocket/mock/heartrate/market',
      transports: ['websocket'],
      reconnection: false,
      query: { speed: '10' },
    })
    cleanups.push(() => client.disconnect())
    const heard: Heard[] = []
    listen(client, heard)
    let disconnected = ''
    client.on('disconnect', (reason) => {
      disconnected = reason
    })
    await waitFor(() => disconnected, 'the end of the recording', 20_000)
    expect(heard).toEqual(heardLive)
    expect(perChannel(heard, 'frame').length).toBeGreaterThan(0)
    expect(Buffer.isBuffer(perChannel(heard, 'frame')[0]?.value)).toBe(true)

    // A Tether variable on the mock gets each channel's dataset as it did live.
    const variable = new WebSocketVariable({
      name: 'market',
      connectOnLoad: false,
      WebSocket: WS,
      dataLimit: 100,
      service: defineWebSocketService({
        name: 'market',
        url: `${server.ws}/websocket/mock/heartrate/market?speed=10`,
        protocol: 'socket.io',
        protocolOptions: { namespace: '/market' },
        channels: ['tick', 'chat'],
      }),
    })
    cleanups.push(() => variable.dispose())
    await variable.open()
    const ticks = perChannel(heardLive, 'tick').map((m) => m.value)
    const chats = perChannel(heardLive, 'chat').map((m) => m.value)
    await waitFor(() => variable.datasets.tick?.length === ticks.length, 'every tick', 20_000)
    await waitFor(() => variable.datasets.chat?.length === chats.length, 'every chat', 20_000)
    expect(variable.datasets.tick).toEqual(ticks)
    expect(variable.datasets.chat).toEqual(chats)
  })

  it('MQTT: recorded from the plant broker, replayed as a broker to a real MQTT client and a variable', async () => {
    // Record: a real MQTT client on the server's own broker, each message with the topic it came on.
    const filters = ['plant/+/temperature', 'plant/+/status']
    const recorder: MqttClient = await connectAsync(`${server.ws}/mqtt`, { reconnectPeriod: 0 })
    cleanups.push(() => recorder.endAsync(true))
    const startedAt = Date.now()
    const messages: MockMessage[] = []
    recorder.on('message', (topic, payload) => messages.push(recorded(startedAt, topic, JSON.parse(String(payload)))))
    await recorder.subscribeAsync(filters)
    await waitFor(() => messages.length >= 40, 'forty live readings', 20_000)
    await recorder.endAsync(true)
    const heardLive = messages.map((m) => ({ channel: m.channel as string, value: JSON.parse(m.data) }))
    await saveMock('plants', { service: 'plants', recordedAt: startedAt, protocol: 'mqtt', messages })

    // Replay to a stock MQTT client: the broker publishes each message on its recorded topic.
    const client = await connectAsync(`${server.ws}/websocket/mock/heartrate/plants?speed=10`, { reconnectPeriod: 0 })
    cleanups.push(() => client.endAsync(true))
    const heard: Heard[] = []
    client.on('message', (topic, payload) => heard.push({ channel: topic, value: JSON.parse(String(payload)) }))
    let closed = false
    client.on('close', () => {
      closed = true
    })
    await client.subscribeAsync(filters)
    await waitFor(() => closed, 'the end of the recording', 20_000)
    expect(heard).toEqual(heardLive)

    // A Tether variable on the mock: one dataset per topic filter, as live.
    const variable = new WebSocketVariable({
      name: 'plants',
      connectOnLoad: false,
      WebSocket: WS,
      dataLimit: 100,
      service: defineWebSocketService({
        name: 'plants',
        url: `${server.ws}/websocket/mock/heartrate/plants?speed=10`,
        protocol: 'mqtt',
        channels: filters,
      }),
    })
    cleanups.push(() => variable.dispose())
    await variable.open()
    for (const [filter, kind] of [
      ['plant/+/temperature', '/temperature'],
      ['plant/+/status', '/status'],
    ] as const) {
      const expected = heardLive.filter((m) => m.channel.endsWith(kind)).map((m) => m.value)
      await waitFor(() => variable.datasets[filter]?.length === expected.length, `every ${kind} message`, 20_000)
      expect(variable.datasets[filter]).toEqual(expected)
    }
  })

  it('refuses a protocol recording whose messages lack a channel, and an MQTT one recorded on a filter', async () => {
    const cookie = await login(server.http, 'admin')
    const put = (body: object) => api(server.http, 'PUT', '/api/studio/projects/heartrate/mocks/bad', { cookie, body })
    const base = { service: 'plants', recordedAt: 0 }
    const missing = await put({ ...base, protocol: 'socket.io', messages: [{ at: 0, data: '1' }] })
    expect(missing.status).toBe(400)
    expect(missing.body.details).toEqual([
      { path: 'body.messages.0.channel', message: 'Each message of a socket.io recording needs its channel.' },
    ])
    const filter = await put({ ...base, protocol: 'mqtt', messages: [{ at: 0, data: '1', channel: 'plant/+/x' }] })
    expect(filter.body.details?.[0]?.path).toBe('body.messages.0.channel')
    const unknown = await put({ ...base, protocol: 'stomp', messages: [] })
    expect(unknown.body.details?.[0]?.path).toBe('body.protocol')
  })
})
