// Journey: an app binds a Socket.IO event of a real Socket.IO 4 server to a table, through the proxy.
// The service is imported as the server's origin (`ws://host:port`), as users copy it.
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { Server } from 'socket.io'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium, waitForConnection, watchPageErrors } from './support/harness.js'
import { type ProtocolApp, startProtocolApp, tableRows } from './support/protocol-app.js'

describe.skipIf(!hasChromium())('a Socket.IO event bound to a table', () => {
  let http: HttpServer
  let io: Server
  let port: number
  let app: ProtocolApp
  let browser: Browser

  beforeAll(async () => {
    http = createServer()
    io = new Server(http)
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    port = (http.address() as AddressInfo).port
    app = await startProtocolApp({
      service: { name: 'market', url: `ws://127.0.0.1:${port}`, protocol: 'socket.io', channels: ['tick', 'chat'] },
      variable: { dataLimit: 10 },
      channel: 'tick',
      proxyAllow: `127.0.0.1:${port}`,
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    io?.close()
  })

  it('shows the events of its channel', async () => {
    const page = await app.open(browser)
    const errors = watchPageErrors(page)
    await waitForConnection(page, 'open')
    io.emit('tick', { symbol: 'ACME', price: 101 })
    io.emit('chat', { symbol: 'CHAT', price: 0 })
    io.emit('tick', { symbol: 'INIT', price: 7 })
    const rows = await tableRows(page, 2)
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(['ACME 101', 'INIT 7'])
    expect(errors).toEqual([])
  }, 60_000)
})
