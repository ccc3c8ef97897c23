import type { AddressInfo } from 'node:net'
import { encode } from '@msgpack/msgpack'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { startMqttBroker } from '../../../../test-support/mqtt-broker.mjs'
import { displayMessage, messageSample } from './format-message.js'
import { LiveConnection, type LiveSnapshot } from './live-connection.js'

const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

function until(connection: LiveConnection, test: (s: LiveSnapshot) => boolean): Promise<LiveSnapshot> {
  return new Promise((resolve) => {
    if (test(connection.getSnapshot())) return resolve(connection.getSnapshot())
    const stop = connection.subscribe(() => {
      if (test(connection.getSnapshot())) {
        stop()
        resolve(connection.getSnapshot())
      }
    })
  })
}

const newConnection = () => new LiveConnection(WebSocket as unknown as typeof globalThis.WebSocket)

describe('LiveConnection speaking the service’s protocol', () => {
  it('shows each MQTT message with the channel (topic filter) it came on, and decodes MessagePack payloads', async () => {
    const broker = await startMqttBroker()
    closers.push(() => broker.close())
    // Retained, so the broker hands them on as soon as the test subscribes.
    await broker.publish('plant/basil/temperature', Buffer.from(encode({ id: 'basil', celsius: 21.5 })), {
      retain: true,
    })
    await broker.publish('plant/basil/status', Buffer.from(encode({ id: 'basil', state: 'ok' })), { retain: true })
    await broker.publish('plant/fern/status', Buffer.from([0xc1]), { retain: true }) // 0xc1: never valid MessagePack

    const connection = newConnection()
    connection.connect({
      url: broker.url,
      service: {
        name: 'plants',
        protocol: 'mqtt',
        payloadFormat: 'msgpack',
        channels: ['plant/+/temperature', 'plant/+/status'],
      },
    })
    const snapshot = await until(connection, (s) => s.messages.items.length === 3)
    expect(snapshot.state).toBe('open')
    expect(snapshot.channelCounts).toEqual({ 'plant/+/temperature': 1, 'plant/+/status': 2 })
    const temperature = snapshot.messages.items.find((m) => m.channel === 'plant/+/temperature')
    expect(temperature?.decoded).toEqual({ format: 'msgpack', value: { id: 'basil', celsius: 21.5 } })
    expect(messageSample(temperature ?? ({} as never))).toEqual({ ok: true, value: { id: 'basil', celsius: 21.5 } })
    // A payload that does not decode keeps its coded error and its bytes.
    const broken = snapshot.messages.items.find((m) => m.bytes?.[0] === 0xc1)
    expect(broken?.channel).toBe('plant/+/status')
    const shown = displayMessage(broken ?? ({} as never))
    expect(shown.kind).toBe('binary')
    expect(shown.error).toMatch(/^TETHER_DECODE_FAILED: /)
    expect(shown.body).toBe('c1')
    connection.disconnect()
  })

  it('says which MQTT login was refused instead of a bare close code', async () => {
    const broker = await startMqttBroker({ credentials: { username: 'ward', password: 'secret' } })
    closers.push(() => broker.close())
    const connection = newConnection()
    connection.connect({ url: broker.url, service: { name: 'ward', protocol: 'mqtt', channels: ['heart/+'] } })
    const failed = await until(connection, (s) => s.state === 'failed')
    expect(failed.explanation).not.toBeNull()
    expect(failed.explanation).not.toContain('close code')
  })
})

describe('LiveConnection sniffing binary frames of a bare WebSocket', () => {
  it('detects MessagePack frames, decodes them in order and keeps text frames as they are', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    closers.push(() => new Promise((resolve) => server.close(resolve)))
    server.on('connection', (socket) => {
      socket.send(encode({ n: 1, at: 1764662400000 }))
      socket.send('{"n":2}')
      socket.send(encode({ n: 3, at: 1764662401000 }))
    })
    await new Promise((resolve) => server.once('listening', resolve))
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`

    const connection = newConnection()
    connection.connect({ url })
    const snapshot = await until(connection, (s) => s.messages.items.length === 3)
    expect(snapshot.detected?.format).toBe('msgpack')
    expect(snapshot.messages.items.map((m) => messageSample(m))).toEqual([
      { ok: true, value: { n: 1, at: 1764662400000 } },
      { ok: true, value: { n: 2 } },
      { ok: true, value: { n: 3, at: 1764662401000 } },
    ])
    expect(displayMessage(snapshot.messages.items[0] ?? ({} as never)).kind).toBe('msgpack')
    for (const client of server.clients) client.terminate()
    connection.disconnect()
  })
})
