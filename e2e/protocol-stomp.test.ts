// Journey: an app binds a STOMP destination of RabbitMQ (Web-STOMP) to a table. The page reaches the
// broker only through the proxy, which adds the login stored on the server: no frame the browser sends
// carries it.
import { Client } from '@stomp/stompjs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WEB_STOMP_LOGIN, WEB_STOMP_URL, webStompAvailable, webStompSkipNotice } from '../test-support/web-stomp.mjs'
import { hasChromium, launchChromium, waitForConnection, watchPageErrors } from './support/harness.js'
import { type ProtocolApp, startProtocolApp, tableRows } from './support/protocol-app.js'

const run = `${process.pid}-${Date.now()}`
const trades = `/topic/trades-${run}`
const news = `/topic/news-${run}`

/** A STOMP client of the test's own, straight to RabbitMQ, that SENDs what the page should show. */
async function publisher(): Promise<Client> {
  const client = new Client({
    webSocketFactory: () => new WebSocket(WEB_STOMP_URL, ['v12.stomp']),
    connectHeaders: { login: WEB_STOMP_LOGIN.username, passcode: WEB_STOMP_LOGIN.password },
    reconnectDelay: 0,
    debug: () => {},
  })
  await new Promise<void>((resolve, reject) => {
    client.onConnect = () => resolve()
    client.onStompError = (frame) => reject(new Error(frame.headers.message))
    client.activate()
  })
  return client
}

const available = hasChromium() && (await webStompAvailable())
if (hasChromium() && !available) webStompSkipNotice('the STOMP browser journey')

describe.skipIf(!available)('a STOMP destination bound to a table', () => {
  let app: ProtocolApp
  let browser: Browser
  let sender: Client

  beforeAll(async () => {
    app = await startProtocolApp({
      service: { name: 'market', url: WEB_STOMP_URL, protocol: 'stomp', channels: [trades, news] },
      credentials: WEB_STOMP_LOGIN,
      variable: { dataLimit: 10 },
      channel: trades,
      proxyAllow: new URL(WEB_STOMP_URL).host,
    })
    browser = await launchChromium()
    sender = await publisher()
  })
  afterAll(async () => {
    await sender?.deactivate()
    await browser?.close()
    await app?.close()
  })

  it('shows the messages of its destination, and the browser never sends the login', async () => {
    const page = await app.open(browser)
    const errors = watchPageErrors(page)
    const sent: string[] = []
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))))
    await waitForConnection(page, 'open')

    sender.publish({ destination: trades, body: JSON.stringify({ symbol: 'ACME', price: 101 }) })
    sender.publish({ destination: news, body: JSON.stringify({ symbol: 'NEWS', price: 0 }) })
    sender.publish({ destination: trades, body: JSON.stringify({ symbol: 'INIT', price: 7 }) })
    const rows = await tableRows(page, 2)
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(['ACME 101', 'INIT 7'])

    expect(sent[0]).toMatch(/^CONNECT\n/)
    expect(sent.join('\n')).not.toMatch(/passcode|login:/)
    expect(errors).toEqual([])
  }, 60_000)
})
