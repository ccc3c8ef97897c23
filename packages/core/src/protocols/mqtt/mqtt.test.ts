import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startMqttBroker } from '../../../../../test-support/mqtt-broker.mjs'
import { startTcpRelay } from '../../../../../test-support/tcp-relay.mjs'
import { isTetherError } from '../../errors.js'
import { READINGS, toMsgpack } from '../../payload/test-support/readings.js'
import { disposeVariables, makeVariable } from '../../variable/test-support/variables.js'
import { waitFor } from '../../variable/test-support/ws-server.js'

const LOGIN = { username: 'board', password: 'b0ard-pass' }

describe('MQTT adapter against an aedes broker', () => {
  let broker: Awaited<ReturnType<typeof startMqttBroker>>
  let relay: Awaited<ReturnType<typeof startTcpRelay>>
  beforeAll(async () => {
    broker = await startMqttBroker({ credentials: LOGIN })
    relay = await startTcpRelay({ host: '127.0.0.1', port: broker.port })
  })
  afterAll(async () => {
    await relay?.close()
    await broker?.close()
  })
  afterEach(disposeVariables)

  const sensors = (protocolOptions: Record<string, unknown> = {}) =>
    makeVariable({
      name: 'sensors',
      url: `ws://127.0.0.1:${relay.port}/mqtt`,
      protocol: 'mqtt',
      protocolOptions: { ...LOGIN, ...protocolOptions },
      channels: ['sensors/+/bpm', { name: 'alerts/#', qos: 1 }],
    })

  it('routes each topic to the filter it matched, publishes, and recovers after a drop', async () => {
    const variable = sensors()
    await variable.open()
    variable.send({ bpm: 61 }, 'sensors/ann/bpm')
    variable.send('smoke', 'alerts/hall/2')
    await broker.publish('sensors/bob/bpm', '{"bpm":72}')
    await broker.publish('other/topic', 'not subscribed')
    await waitFor(
      () => variable.datasets['sensors/+/bpm']?.length === 2 && variable.datasets['alerts/#']?.length === 1,
      'three messages in two datasets',
    )
    expect(variable.datasets['sensors/+/bpm']).toEqual(expect.arrayContaining([{ bpm: 61 }, { bpm: 72 }]))
    expect(variable.datasets['alerts/#']).toEqual(['smoke'])
    variable.send(new Uint8Array([0xff, 0x00, 0x7f]), 'sensors/raw/bpm')
    await waitFor(() => variable.datasets['sensors/+/bpm']?.length === 3, 'the binary message')
    expect(variable.datasets['sensors/+/bpm']).toContainEqual(new Uint8Array([0xff, 0x00, 0x7f]))
    expect(() => variable.send('x', 'alerts/#')).not.toThrow()
    await waitFor(() => variable.status.lastError?.code === 'TETHER_SEND_FAILED', 'a wildcard topic refused')

    const connectionsBefore = relay.connections
    relay.cut()
    await waitFor(() => variable.status.state !== 'open', 'the drop to be noticed', 15_000)
    await waitFor(() => variable.status.state === 'open', 'the reconnect', 15_000)
    expect(relay.connections).toBe(connectionsBefore + 1)
    await broker.publish('sensors/cy/bpm', '{"bpm":80}')
    await waitFor(() => variable.datasets['sensors/+/bpm']?.length === 4, 'a message after the reconnect', 15_000)
  })

  it('resumes a persistent session: QoS 1 messages published while away arrive after the reconnect', async () => {
    const variable = sensors({ clientId: 'resume-board', clean: false, qos: 1 })
    await variable.open()
    await broker.publish('alerts/a', '"first"', { qos: 1 })
    await waitFor(() => variable.datasets['alerts/#']?.length === 1, 'the first alert')
    variable.close()
    await waitFor(() => variable.status.state === 'closed', 'the close')
    await waitFor(() => broker.broker.connectedClients === 0, 'the broker to see the client go')
    await broker.publish('alerts/b', '"while away"', { qos: 1 })
    await variable.open()
    await waitFor(() => variable.datasets['alerts/#']?.length === 2, 'the alert published while away', 15_000)
    expect(variable.datasets['alerts/#']).toEqual(['first', 'while away'])
  })

  it('decodes MessagePack payloads (also bytes that happen to be UTF-8) and reports one that is not', async () => {
    const errors: unknown[] = []
    const variable = makeVariable(
      {
        name: 'plants',
        url: `ws://127.0.0.1:${relay.port}/mqtt`,
        protocol: 'mqtt',
        protocolOptions: LOGIN,
        channels: ['plant/+/temperature'],
        payloadFormat: 'msgpack',
      },
      { onError: (_variable, error) => void errors.push(error) },
    )
    await variable.open()
    for (const reading of READINGS) await broker.publish('plant/fern/temperature', Buffer.from(toMsgpack(reading)))
    await broker.publish('plant/fern/temperature', Buffer.from(toMsgpack(42))) // 0x2a: '*' if read as text
    await broker.publish('plant/fern/temperature', Buffer.from([0xc1]))
    await waitFor(() => variable.status.messagesReceived === READINGS.length + 2, 'five payloads')
    expect(variable.datasets['plant/+/temperature']).toEqual([...READINGS, 42])
    expect(errors).toEqual([expect.objectContaining({ code: 'TETHER_DECODE_FAILED', bytes: new Uint8Array([0xc1]) })])
  })

  it('ends refused credentials in TETHER_AUTH_FAILED, state error, without retrying', async () => {
    const variable = sensors({ password: 'wrong' })
    const connectionsBefore = relay.connections
    const failure = await variable.open().then(
      () => null,
      (error: unknown) => error,
    )
    expect(isTetherError(failure, 'TETHER_AUTH_FAILED')).toBe(true)
    expect(variable.status.state).toBe('error')
    expect(variable.status.nextRetryAt).toBeNull()
    expect(relay.connections).toBe(connectionsBefore + 1)
    expect(broker.logins.at(-1)).toMatchObject({ username: 'board', password: 'wrong' })
  })
})
