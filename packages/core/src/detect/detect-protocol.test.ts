import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server as SocketIoServer } from 'socket.io'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startMqttBroker } from '../../../../test-support/mqtt-broker.mjs'
import { WEB_STOMP_URL, webStompAvailable, webStompSkipNotice } from '../../../../test-support/web-stomp.mjs'
import { startGraphqlServer } from '../protocols/graphql-ws/test-support/graphql-servers.js'
import type { WebSocketConstructor } from '../protocols/socket.js'
import { startTestServer } from '../variable/test-support/ws-server.js'
import { detectProtocol } from './detect-protocol.js'

const Ws = WebSocket as unknown as WebSocketConstructor
/** Silence is the answer in some cases below; where a server speaks at once, a long wait costs nothing. */
const SHORT_QUIET = { WebSocket: Ws, quietMs: 300, timeoutMs: 15_000 }
const LONG_QUIET = { WebSocket: Ws, quietMs: 15_000, timeoutMs: 15_000 }

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return (server.address() as AddressInfo).port
}

describe('detectProtocol against real servers', () => {
  it('finds Socket.IO by an Engine.IO URL, and at a root URL by its open packet, joining no namespace', async () => {
    const http = createServer()
    const io = new SocketIoServer(http)
    let joined = 0
    io.on('connection', () => joined++)
    cleanups.push(() => new Promise<void>((resolve) => io.close(() => resolve())))
    const port = await listen(http)

    expect(await detectProtocol(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, SHORT_QUIET)).toEqual({
      protocol: 'socket.io',
      reason: 'the URL is an Engine.IO URL',
    })
    expect(await detectProtocol(`ws://127.0.0.1:${port}`, SHORT_QUIET)).toEqual({
      protocol: 'socket.io',
      reason: 'the server sent an Engine.IO open packet at /socket.io/',
    })
    expect(joined).toBe(0)
  })

  it('finds Socket.IO by the open packet it sends first, wherever it is served', async () => {
    const server = await startTestServer({
      onConnection: (socket) => socket.send('0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000}'),
    })
    cleanups.push(() => server.kill())
    expect(await detectProtocol(server.url('/live'), LONG_QUIET)).toEqual({
      protocol: 'socket.io',
      reason: 'the server sent an Engine.IO open packet',
    })
  })

  it('calls a service that sends messages of its own a plain WebSocket, and sends it nothing', async () => {
    const server = await startTestServer({ onConnection: (socket) => socket.send('{"time":1,"value":95}') })
    cleanups.push(() => server.kill())
    expect(await detectProtocol(server.url('/websocket/heartrate'), LONG_QUIET)).toMatchObject({
      protocol: 'websocket',
    })
    expect(server.received).toEqual([])
  })

  it('finds an MQTT broker that waits for CONNECT, and subscribes to nothing', async () => {
    const broker = await startMqttBroker()
    cleanups.push(() => broker.close())
    const subscribed: unknown[] = []
    broker.broker.on('subscribe', (subscriptions) => subscribed.push(subscriptions))
    expect(await detectProtocol(broker.url, SHORT_QUIET)).toEqual({
      protocol: 'mqtt',
      reason: 'it accepted the mqtt subprotocol and answered CONNECT',
    })
    expect(broker.logins).toHaveLength(1)
    expect(subscribed).toEqual([])
  })

  it('finds both GraphQL protocols by their handshakes after a refused bare WebSocket', async () => {
    const current = await startGraphqlServer('transport-ws')
    const legacy = await startGraphqlServer('legacy')
    cleanups.push(
      () => current.close(),
      () => legacy.close(),
    )
    expect(await detectProtocol(current.url, LONG_QUIET)).toMatchObject({ protocol: 'graphql-ws' })
    const old = await detectProtocol(legacy.url, LONG_QUIET)
    expect(old).toMatchObject({ protocol: 'graphql-ws', protocolOptions: { legacy: true } })
  })

  it('finds a STOMP broker by its CONNECTED', async () => {
    if (!(await webStompAvailable())) return webStompSkipNotice('STOMP detection')
    expect(await detectProtocol(WEB_STOMP_URL, SHORT_QUIET)).toMatchObject({ protocol: 'stomp' })
  })

  it('says so when a silent service answers no handshake, having sent it only connect requests', async () => {
    const server = await startTestServer()
    cleanups.push(() => server.kill())
    // The handshakes' timeout is the answer here: a broker would have answered CONNECT within it.
    const detection = await detectProtocol(server.url('/quiet'), { ...SHORT_QUIET, handshakeTimeoutMs: 500 })
    expect(detection.protocol).toBeNull()
    expect(detection.reason).toMatch(/sent nothing within 0.3 s/)
    // Per connection: one MQTT CONNECT packet (type 1, possibly split across frames) or a STOMP CONNECT
    // frame, and nothing after it: nothing subscribed or published.
    const connections = new Map<number, typeof server.received>()
    for (const frame of server.received)
      connections.set(frame.connection, [...(connections.get(frame.connection) ?? []), frame])
    expect(connections.size).toBe(2)
    for (const frames of connections.values()) {
      const mqtt =
        frames.every((f) => f.binary) &&
        frames
          .map((f) => f.data)
          .join('')
          .startsWith('10')
      const stomp = frames.length === 1 && /^(CONNECT|STOMP)\n/.test(frames[0]?.data ?? '')
      expect({ frames, connect: mqtt || stomp }).toMatchObject({ connect: true })
    }
  })

  it('finds SSE by the content type of an http(s) URL, and says when it is not', async () => {
    const http = createServer((request, response) => {
      if (request.url === '/events') {
        response.writeHead(200, { 'content-type': 'text/event-stream' })
        response.write('data: 1\n\n') // the stream stays open: detection must not wait for its end
      } else {
        response.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>')
      }
    })
    const port = await listen(http)
    cleanups.push(() => void http.closeAllConnections())
    expect(await detectProtocol(`http://127.0.0.1:${port}/events`, SHORT_QUIET)).toEqual({
      protocol: 'sse',
      reason: 'the server answers text/event-stream',
    })
    expect((await detectProtocol(`http://127.0.0.1:${port}/`, SHORT_QUIET)).protocol).toBeNull()
  })

  it('explains a URL it cannot use, and a service that is not there', async () => {
    expect((await detectProtocol('localhost:8080', SHORT_QUIET)).reason).toMatch(/starts with ws:\/\//)
    expect((await detectProtocol('not a url', SHORT_QUIET)).reason).toMatch(/not a complete URL/)
    const http = createServer()
    const port = await listen(http)
    await new Promise<void>((resolve) => http.close(() => resolve()))
    expect(await detectProtocol(`ws://127.0.0.1:${port}/gone`, SHORT_QUIET)).toEqual({
      protocol: null,
      reason: 'no WebSocket opened at this address',
    })
  })
})
