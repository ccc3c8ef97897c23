import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { diagnoseConnection } from './diagnose-connection.js'

const policy = { allow: ['127.0.0.1'], allowSelf: false, allowPublic: false, self: null }
const options = { timeoutMs: 10_000 }

describe('diagnoseConnection: why a browser could not open a WebSocket, found out from the server', () => {
  let http: Server
  let port: number
  let closedPort: number

  beforeAll(async () => {
    // A WebSocket service on /feed; anything else answers 404, and /private answers 401.
    http = createServer((_request, response) => response.writeHead(404).end())
    const wss = new WebSocketServer({ noServer: true })
    http.on('upgrade', (request, socket, head) => {
      if (request.url === '/feed') wss.handleUpgrade(request, socket, head, (ws) => ws.close())
      else {
        const status = request.url === '/private' ? '401 Unauthorized' : '404 Not Found'
        socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\n\r\n`)
      }
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    port = (http.address() as AddressInfo).port
    const spare = createServer()
    await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve))
    closedPort = (spare.address() as AddressInfo).port
    await new Promise<void>((resolve) => spare.close(() => resolve()))
  })
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())))

  it('names an unknown host (DNS)', async () => {
    const found = await diagnoseConnection('ws://no-such-host.invalid/feed', policy, options)
    expect(found.kind).toBe('dns')
    expect(found.message).toMatch(/no-such-host\.invalid is unknown \(DNS/)
  })

  it('names a refused port', async () => {
    const found = await diagnoseConnection(`ws://127.0.0.1:${closedPort}/feed`, policy, options)
    expect(found).toMatchObject({ kind: 'refused', message: expect.stringContaining('refused the connection') })
  })

  it('names the HTTP status answered to the upgrade, with the path', async () => {
    const missing = await diagnoseConnection(`ws://127.0.0.1:${port}/nothing/here`, policy, options)
    expect(missing).toMatchObject({ kind: 'http-status', status: 404, path: '/nothing/here' })
    expect(missing.message).toContain('HTTP 404 Not Found to the WebSocket upgrade of /nothing/here')
    const locked = await diagnoseConnection(`ws://127.0.0.1:${port}/private`, policy, options)
    expect(locked).toMatchObject({ kind: 'http-status', status: 401 })
  })

  it('names a TLS failure (wss:// to a plain server)', async () => {
    const found = await diagnoseConnection(`wss://127.0.0.1:${port}/feed`, policy, options)
    expect(found.kind).toBe('tls')
    expect(found.message).toContain('use ws://')
  })

  it('says when the server itself could open it, and refuses targets the proxy may not reach', async () => {
    expect((await diagnoseConnection(`ws://127.0.0.1:${port}/feed`, policy, options)).kind).toBe('opened')
    const refused = await diagnoseConnection(`ws://127.0.0.1:${port}/feed`, { ...policy, allow: [] }, options)
    expect(refused.kind).toBe('not-allowed')
    expect(refused.message).toContain('PROXY_ALLOW')
  })
})
