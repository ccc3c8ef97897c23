// Journey: an app binds an MQTT topic filter (`heart/+`) of a real broker (aedes with a WebSocket
// listener) to a table. The page reaches the broker only through the proxy, which adds the password
// stored on the server: no packet the browser sends carries it.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMqttBroker } from '../test-support/mqtt-broker.mjs'
import { hasChromium, launchChromium, waitForConnection, watchPageErrors } from './support/harness.js'
import { type ProtocolApp, startProtocolApp, tableRows } from './support/protocol-app.js'

const LOGIN = { username: 'ward-7', password: 'only-the-server-knows' }

describe.skipIf(!hasChromium())('an MQTT topic filter bound to a table', () => {
  let broker: Awaited<ReturnType<typeof startMqttBroker>>
  let app: ProtocolApp
  let browser: Browser

  beforeAll(async () => {
    broker = await startMqttBroker({ credentials: LOGIN })
    app = await startProtocolApp({
      service: { name: 'ward', url: broker.url, protocol: 'mqtt', channels: ['heart/+', 'alerts/#'] },
      credentials: LOGIN,
      variable: { dataLimit: 10 },
      channel: 'heart/+',
      proxyAllow: `127.0.0.1:${broker.port}`,
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await broker?.close()
  })

  it('shows the messages of the topics its filter matches, and the browser never sends the password', async () => {
    const page = await app.open(browser)
    const errors = watchPageErrors(page)
    const sent: Buffer[] = []
    page.on('websocket', (socket) =>
      socket.on('framesent', (frame) => sent.push(Buffer.from(frame.payload as Buffer | string))),
    )
    await waitForConnection(page, 'open')

    await broker.publish('heart/ann', JSON.stringify({ patient: 'ann', bpm: 61 }))
    await broker.publish('alerts/ward7', JSON.stringify({ patient: 'all', bpm: 0 }))
    await broker.publish('heart/bob', JSON.stringify({ patient: 'bob', bpm: 72 }))
    const rows = await tableRows(page, 2)
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(['ann 61', 'bob 72'])

    expect(broker.logins.at(-1)).toMatchObject(LOGIN)
    expect(Buffer.concat(sent).includes(LOGIN.password)).toBe(false)
    expect(errors).toEqual([])
  }, 60_000)
})
