import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTcpRelay } from '../../../../../test-support/tcp-relay.mjs'
import {
  WEB_STOMP_LOGIN,
  WEB_STOMP_URL,
  webStompAvailable,
  webStompSkipNotice,
} from '../../../../../test-support/web-stomp.mjs'
import { isTetherError } from '../../errors.js'
import { disposeVariables, makeVariable } from '../../variable/test-support/variables.js'
import { waitFor } from '../../variable/test-support/ws-server.js'

/** Destinations of their own per run, so parallel runs on one broker never see each other's messages. */
const run = `${process.pid}-${Date.now()}`
const prices = `/topic/prices-${run}`
const alerts = `/topic/alerts-${run}`

describe('STOMP adapter against RabbitMQ Web-STOMP', () => {
  let available = false
  let relay: Awaited<ReturnType<typeof startTcpRelay>>
  beforeAll(async () => {
    available = await webStompAvailable()
    if (!available) return webStompSkipNotice('the STOMP adapter')
    const target = new URL(WEB_STOMP_URL)
    relay = await startTcpRelay({ host: target.hostname, port: Number(target.port) })
  })
  afterAll(() => relay?.close())
  afterEach(disposeVariables)

  const stomp = (passcode = WEB_STOMP_LOGIN.password) =>
    makeVariable({
      name: 'market',
      url: `ws://127.0.0.1:${relay.port}${new URL(WEB_STOMP_URL).pathname}`,
      protocol: 'stomp',
      protocolOptions: { login: WEB_STOMP_LOGIN.username, passcode },
      channels: [prices, { name: alerts }],
    })

  it('receives two destinations into two datasets, sends to each, and recovers after a drop', async (context) => {
    if (!available) return context.skip()
    const variable = stomp()
    await variable.open()
    expect(variable.status.state).toBe('open')
    variable.send({ symbol: 'ACME', price: 10 }, prices)
    variable.send('fire in hall 2', alerts)
    await waitFor(() => variable.datasets[prices]?.length === 1 && variable.datasets[alerts]?.length === 1, 'both')
    expect(variable.datasets[prices]).toEqual([{ symbol: 'ACME', price: 10 }])
    expect(variable.datasets[alerts]).toEqual(['fire in hall 2'])

    // The network drops: the variable (not the STOMP client) reconnects, subscribes again and carries on.
    const connectionsBefore = relay.connections
    relay.cut()
    await waitFor(() => variable.status.state !== 'open', 'the drop to be noticed', 15_000)
    await waitFor(() => variable.status.state === 'open', 'the reconnect', 15_000)
    expect(relay.connections).toBe(connectionsBefore + 1)
    variable.send({ symbol: 'ACME', price: 11 }, prices)
    await waitFor(() => variable.datasets[prices]?.length === 2, 'a message after the reconnect', 15_000)
    expect(variable.datasets[prices]?.[1]).toEqual({ symbol: 'ACME', price: 11 })
  })

  it('sends to the first channel by default, and refuses a message it cannot encode', async (context) => {
    if (!available) return context.skip()
    const variable = stomp()
    await variable.open()
    variable.send({ n: 1 })
    await waitFor(() => variable.datasets[prices]?.length === 1, 'the message on the first channel')
    expect(() => variable.send(10n, prices)).not.toThrow()
    await waitFor(() => variable.status.lastError?.code === 'TETHER_SEND_FAILED', 'the send failure')
  })

  it('ends a refused login in TETHER_AUTH_FAILED, state error, without retrying', async (context) => {
    if (!available) return context.skip()
    const variable = stomp('wrong-passcode')
    const connectionsBefore = relay.connections
    const failure = await variable.open().then(
      () => null,
      (error: unknown) => error,
    )
    expect(isTetherError(failure, 'TETHER_AUTH_FAILED')).toBe(true)
    expect(variable.status.state).toBe('error')
    expect(variable.status.lastError?.code).toBe('TETHER_AUTH_FAILED')
    expect(variable.status.nextRetryAt).toBeNull()
    expect(relay.connections).toBe(connectionsBefore + 1)
  })
})
