// Journey: an app binds an event of a Server-Sent Events stream to a table, through the proxy's HTTP
// streaming route, with the stream's token stored on the server as a secret header.
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasChromium, launchChromium, waitForConnection, waitUntil, watchPageErrors } from './support/harness.js'
import { type ProtocolApp, startProtocolApp, tableRows } from './support/protocol-app.js'

describe.skipIf(!hasChromium())('an SSE event bound to a table', () => {
  let http: Server
  const streams: ServerResponse[] = []
  let app: ProtocolApp
  let browser: Browser
  let id = 0

  const send = (event: string, data: unknown) => {
    id++
    for (const stream of streams) stream.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  beforeAll(async () => {
    http = createServer((request, response) => {
      if (request.headers.authorization !== 'Bearer sse-token') return response.writeHead(401).end()
      response.writeHead(200, { 'content-type': 'text/event-stream' })
      response.write(': hello\n\n')
      streams.push(response)
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    const port = (http.address() as AddressInfo).port
    app = await startProtocolApp({
      service: { name: 'prices', url: `http://127.0.0.1:${port}/events`, protocol: 'sse', channels: ['price', 'news'] },
      secretHeaders: { Authorization: 'Bearer sse-token' },
      variable: { dataLimit: 10 },
      channel: 'price',
      proxyAllow: `127.0.0.1:${port}`,
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    for (const stream of streams) stream.destroy()
    http?.close()
  })

  it('shows the events of its channel', async () => {
    const page = await app.open(browser)
    const errors = watchPageErrors(page)
    await waitForConnection(page, 'open')
    await waitUntil('the stream to be open upstream', async () => streams.length > 0)
    send('price', { symbol: 'ACME', price: 101 })
    send('news', { symbol: 'NEWS', price: 0 })
    send('price', { symbol: 'INIT', price: 7 })
    const rows = await tableRows(page, 2)
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual(['ACME 101', 'INIT 7'])
    expect(errors).toEqual([])
  }, 60_000)
})
