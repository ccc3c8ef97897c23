import type { AddressInfo } from 'node:net'
import { FrameImpl, type IRawFrameType, Parser } from '@stomp/stompjs'
import mqttPacket, { type IConnackPacket, type IConnectPacket, type Packet } from 'mqtt-packet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { startMqttBroker } from '../../../../test-support/mqtt-broker.mjs'
import { WEB_STOMP_URL, webStompAvailable, webStompSkipNotice } from '../../../../test-support/web-stomp.mjs'
import { useTempProjects } from '../studio/test-support/temp-projects.js'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'

const stompFrame = (command: string, headers: Record<string, string>, body = '') =>
  FrameImpl.marshall({ command, headers, body, skipContentLengthHeader: true }) as string

/** The STOMP frames a client received so far, parsed by @stomp/stompjs. */
function stompFrames(client: RecordingClient): IRawFrameType[] {
  const frames: IRawFrameType[] = []
  const parser = new Parser(
    (frame) => frames.push(frame),
    () => {},
  )
  for (const frame of client.frames) parser.parseChunk(Uint8Array.from(frame.data).buffer)
  return frames
}
const header = (frame: IRawFrameType | undefined, name: string) => frame?.headers.find(([key]) => key === name)?.[1]

/** The MQTT packets a client received so far, decoded by mqtt-packet. */
function mqttPackets(client: RecordingClient): Packet[] {
  const packets: Packet[] = []
  const parser = mqttPacket.parser({ protocolVersion: 4 })
  parser.on('packet', (packet) => packets.push(packet))
  for (const frame of client.frames) parser.parse(frame.data)
  return packets
}

const connectPacket = (clientId: string): IConnectPacket => ({
  cmd: 'connect',
  protocolId: 'MQTT',
  protocolVersion: 4,
  clean: true,
  clientId,
  keepalive: 60,
})

/** A stand-in STOMP service that records the subprotocols offered and every frame it receives. */
async function recordingStompService() {
  const offered: string[][] = []
  const received: string[] = []
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: (protocols) => {
      offered.push([...protocols])
      return protocols.has('v12.stomp') ? 'v12.stomp' : false
    },
  })
  wss.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      received.push(data.toString())
      socket.send(stompFrame('CONNECTED', { version: '1.2' }))
    })
  })
  await new Promise((resolve) => wss.once('listening', resolve))
  return { wss, offered, received, port: (wss.address() as AddressInfo).port }
}

describe('/api/proxy for STOMP and MQTT services (subprotocol pinned, credentials added server-side)', () => {
  let broker: Awaited<ReturnType<typeof startMqttBroker>>
  let recorder: Awaited<ReturnType<typeof recordingStompService>>
  let hasWebStomp = false
  let user: string

  beforeAll(async () => {
    broker = await startMqttBroker({ credentials: { username: 'sensors', password: 'mqtt-s3cret' } })
    recorder = await recordingStompService()
    hasWebStomp = await webStompAvailable()
    if (!hasWebStomp) webStompSkipNotice('STOMP through the proxy against RabbitMQ')
  })
  afterAll(async () => {
    await broker?.close()
    for (const socket of recorder?.wss.clients ?? []) socket.terminate()
    await new Promise((resolve) => recorder?.wss.close(resolve))
  })
  const files = useTempProjects()
  const server = useTestServer({
    env: () => ({
      PROJECTS_DIR: files.projectsDir,
      PROXY_ALLOW: `127.0.0.1:${broker.port},127.0.0.1:${recorder.port},${new URL(WEB_STOMP_URL).host}`,
    }),
  })

  beforeAll(async () => {
    const admin = await login(server.http, 'admin')
    user = await login(server.http, 'user1')
    const save = async (name: string, definition: Record<string, unknown>, credentials: Record<string, string>) => {
      const path = `/api/studio/projects/brokers/services/${name}`
      const saved = await api(server.http, 'PUT', path, {
        cookie: admin,
        body: { name, useProxy: true, ...definition },
      })
      expect(saved.status, JSON.stringify(saved.body)).toBe(200)
      const secrets = await api(server.http, 'PUT', `${path}/secrets`, { cookie: admin, body: { credentials } })
      expect(secrets.status).toBe(204)
    }
    const created = await api(server.http, 'POST', '/api/studio/projects', { cookie: admin, body: { name: 'brokers' } })
    expect(created.status).toBe(201)
    await save('rabbit', { url: WEB_STOMP_URL, protocol: 'stomp' }, { username: 'guest', password: 'guest' })
    await save('rabbitwrong', { url: WEB_STOMP_URL, protocol: 'stomp' }, { username: 'guest', password: 'wrong' })
    await save(
      'recorded',
      { url: `ws://127.0.0.1:${recorder.port}/stomp`, protocol: 'stomp' },
      { username: 'svc', password: 'pass:with:colons' },
    )
    await save('sensors', { url: broker.url, protocol: 'mqtt' }, { username: 'sensors', password: 'mqtt-s3cret' })
    await save('sensorswrong', { url: broker.url, protocol: 'mqtt' }, { username: 'sensors', password: 'nope' })
  })

  const proxy = (service: string, protocols: string[]) =>
    connectClient(`${server.ws}/api/proxy?project=brokers&service=${service}`, { headers: { cookie: user }, protocols })

  it('offers the service only its protocol’s subprotocols and puts the stored login into CONNECT', async () => {
    const client = proxy('recorded', ['chat', 'v12.stomp', 'mqtt'])
    await client.opened
    expect(client.ws.protocol).toBe('v12.stomp')
    expect(recorder.offered.at(-1)).toEqual(['v12.stomp'])
    // The browser's frame has no login: only the server knows it.
    client.ws.send(stompFrame('CONNECT', { 'accept-version': '1.2', host: '/', 'heart-beat': '0,0', login: 'mine' }))
    await waitFor(() => stompFrames(client).length === 1, 'CONNECTED')
    const received = recorder.received.at(-1) ?? ''
    expect(received.split('\n').slice(0, 6)).toEqual([
      'CONNECT',
      'accept-version:1.2',
      'host:/',
      'heart-beat:0,0',
      'login:svc',
      'passcode:pass:with:colons',
    ])
    // Later frames go through untouched.
    client.ws.send(stompFrame('SEND', { destination: '/queue/a', login: 'stays' }, 'hi'))
    await waitFor(() => recorder.received.length >= 2, 'the SEND frame')
    expect(recorder.received.at(-1)).toContain('login:stays')
    client.ws.close()
  })

  it('refuses a browser that offers none of the protocol’s subprotocols, or starts with another frame', async () => {
    const closed = await proxy('recorded', ['chat']).closedPromise
    expect(closed.code).toBe(4403)
    expect(closed.reason).toMatch(/^TETHER_PROXY_FORBIDDEN: .*v12\.stomp/)

    const before = recorder.received.length
    const client = proxy('recorded', ['v12.stomp'])
    await client.opened
    client.ws.send(stompFrame('SEND', { destination: '/queue/a' }, 'first'))
    expect((await client.closedPromise).code).toBe(1008)
    expect(client.closed?.reason).toMatch(/^TETHER_PROTOCOL_ERROR: /)
    expect(recorder.received.length).toBe(before)
  })

  it('logs in to RabbitMQ Web-STOMP with the stored credentials, and relays messages both ways', async (context) => {
    if (!hasWebStomp) return context.skip()
    const client = proxy('rabbit', ['v12.stomp', 'v11.stomp'])
    await client.opened
    client.ws.send(stompFrame('CONNECT', { 'accept-version': '1.2,1.1', host: '/', 'heart-beat': '0,0' }))
    await waitFor(() => stompFrames(client).length === 1, 'CONNECTED')
    expect(stompFrames(client)[0]?.command).toBe('CONNECTED')
    const destination = `/topic/proxy-${Date.now()}`
    client.ws.send(stompFrame('SUBSCRIBE', { id: 'sub-0', destination, receipt: 'subscribed' }))
    await waitFor(() => stompFrames(client).some((f) => f.command === 'RECEIPT'), 'the subscription receipt')
    client.ws.send(stompFrame('SEND', { destination, 'content-type': 'application/json' }, '{"n":1}'))
    await waitFor(() => stompFrames(client).some((f) => f.command === 'MESSAGE'), 'the message')
    const message = stompFrames(client).find((f) => f.command === 'MESSAGE')
    expect(header(message, 'destination')).toBe(destination)
    expect(new TextDecoder().decode(message?.binaryBody)).toBe('{"n":1}')
    client.ws.close()
  })

  it('closes with 4401 TETHER_AUTH_FAILED after relaying RabbitMQ’s ERROR when the stored passcode is wrong', async (context) => {
    if (!hasWebStomp) return context.skip()
    const client = proxy('rabbitwrong', ['v12.stomp'])
    await client.opened
    client.ws.send(stompFrame('CONNECT', { 'accept-version': '1.2', host: '/', 'heart-beat': '0,0' }))
    const closed = await client.closedPromise
    expect(closed.code).toBe(4401)
    expect(closed.reason).toMatch(/^TETHER_AUTH_FAILED: the STOMP service refused the connection/)
    expect(stompFrames(client).map((f) => f.command)).toEqual(['ERROR'])
  })

  it('logs in to the MQTT broker with the stored credentials, re-encoding CONNECT with mqtt-packet', async () => {
    const client = proxy('sensors', ['mqtt'])
    await client.opened
    expect(client.ws.protocol).toBe('mqtt')
    const subscribe = mqttPacket.generate({
      cmd: 'subscribe',
      messageId: 1,
      subscriptions: [{ topic: 'heart/+', qos: 0 }],
    })
    // CONNECT and SUBSCRIBE in one message: what follows the CONNECT packet goes on unchanged.
    client.ws.send(Buffer.concat([mqttPacket.generate(connectPacket('proxied-1')), subscribe]))
    await waitFor(() => mqttPackets(client).some((p) => p.cmd === 'suback'), 'CONNACK and SUBACK')
    expect((mqttPackets(client)[0] as IConnackPacket).returnCode).toBe(0)
    expect(broker.logins.at(-1)).toEqual({ clientId: 'proxied-1', username: 'sensors', password: 'mqtt-s3cret' })
    await broker.publish('heart/ann', '{"bpm":61}')
    await waitFor(() => mqttPackets(client).some((p) => p.cmd === 'publish'), 'the PUBLISH')
    const publish = mqttPackets(client).find((p) => p.cmd === 'publish')
    expect(publish).toMatchObject({ topic: 'heart/ann' })
    client.ws.close()
  })

  it('takes a CONNECT packet that spans WebSocket messages', async () => {
    const client = proxy('sensors', ['mqtt'])
    await client.opened
    const bytes = mqttPacket.generate(connectPacket('split-1'))
    client.ws.send(bytes.subarray(0, 5))
    client.ws.send(bytes.subarray(5))
    await waitFor(() => mqttPackets(client).length === 1, 'CONNACK')
    expect(broker.logins.at(-1)).toEqual({ clientId: 'split-1', username: 'sensors', password: 'mqtt-s3cret' })
    client.ws.close()
  })

  it('closes with 4401 TETHER_AUTH_FAILED after relaying CONNACK 4 when the stored password is wrong', async () => {
    const client = proxy('sensorswrong', ['mqtt'])
    await client.opened
    client.ws.send(mqttPacket.generate(connectPacket('wrong-1')))
    const closed = await client.closedPromise
    expect(closed.code).toBe(4401)
    expect(closed.reason).toMatch(/^TETHER_AUTH_FAILED: the MQTT service refused the login \(CONNACK code 4\)/)
    expect(mqttPackets(client)).toMatchObject([{ cmd: 'connack', returnCode: 4 }])
    expect(broker.logins.at(-1)).toEqual({ clientId: 'wrong-1', username: 'sensors', password: 'nope' })
  })

  it('refuses a first MQTT packet that is not CONNECT', async () => {
    const client = proxy('sensors', ['mqtt'])
    await client.opened
    const loginsBefore = broker.logins.length
    client.ws.send(mqttPacket.generate({ cmd: 'pingreq' }))
    const closed = await client.closedPromise
    expect(closed.code).toBe(1008)
    expect(closed.reason).toMatch(/^TETHER_PROTOCOL_ERROR: the first packet to an MQTT service must be CONNECT/)
    expect(broker.logins.length).toBe(loginsBefore)
  })
})
