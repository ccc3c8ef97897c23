import type { AddressInfo } from 'node:net'
import { CloseCodes } from '@tether/core'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { connectClient, waitFor } from '../test-support/realtime-helpers.js'
import { closeReason, forwardableCloseCode } from './close-codes.js'
import { guardConnection } from './connection-guard.js'
import { chooseSubprotocol, pinSubprotocol } from './websocket-server-options.js'

let server: WebSocketServer | null = null
afterEach(async () => {
  for (const client of server?.clients ?? []) client.terminate()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null))
  server = null
})

async function startServer(onConnection: (socket: WebSocket) => void): Promise<string> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  server.on('connection', onConnection)
  await new Promise((resolve) => server?.once('listening', resolve))
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('guardConnection', () => {
  it('closes a reader that stopped reading with 1013, never buffering more than the cap', async () => {
    const cap = 64 * 1024
    let maxBuffered = 0
    let refused = false
    let serverSide: WebSocket | null = null
    const url = await startServer((socket) => {
      serverSide = socket
      const connection = guardConnection(socket, { maxBufferedBytes: cap, pingIntervalMs: 60_000 })
      const chunk = 'x'.repeat(1000)
      const pump = () => {
        if (!connection.send(chunk)) {
          refused = true
          return
        }
        maxBuffered = Math.max(maxBuffered, socket.bufferedAmount)
        setImmediate(pump)
      }
      // Start once the client has paused, so the kernel buffers fill and then ours.
      socket.once('message', pump)
    })
    const client = connectClient(url)
    await client.opened
    client.ws.send('paused now')
    ;(client.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause()

    await waitFor(() => refused, 'the slow reader to be refused', 30_000)
    expect(maxBuffered).toBeGreaterThan(0)
    expect(maxBuffered).toBeLessThanOrEqual(cap)
    expect((serverSide as WebSocket | null)?.readyState).toBe(WebSocket.CLOSING)

    ;(client.ws as unknown as { _socket: { resume(): void } })._socket.resume()
    const closed = await client.closedPromise
    expect(closed.code).toBe(CloseCodes.TRY_LATER)
    expect(closed.reason).toMatch(/not reading fast enough/)
  })

  it('drops a peer that stops answering pings', async () => {
    let serverClosed = false
    const url = await startServer((socket) => {
      guardConnection(socket, { maxBufferedBytes: 1024 * 1024, pingIntervalMs: 50 })
      socket.on('close', () => {
        serverClosed = true
      })
    })
    // autoPong off: this client is "dead" as far as the heartbeat can tell.
    const client = connectClient(url, { autoPong: false })
    await client.opened
    await waitFor(() => serverClosed, 'the silent peer to be dropped')
    const closed = await client.closedPromise
    expect(closed.code).toBe(1006)
  })

  it('keeps a peer that answers pings', async () => {
    let pings = 0
    const url = await startServer((socket) => {
      guardConnection(socket, { maxBufferedBytes: 1024 * 1024, pingIntervalMs: 30 })
    })
    const client = connectClient(url)
    client.ws.on('ping', () => pings++)
    await client.opened
    await waitFor(() => pings >= 5, 'five pings')
    expect(client.ws.readyState).toBe(WebSocket.OPEN)
  })
})

describe('close codes', () => {
  it('turns codes that must not be sent into sendable ones', () => {
    expect(forwardableCloseCode(1005)).toBe(1000)
    expect(forwardableCloseCode(1006)).toBe(1011)
    expect(forwardableCloseCode(1015)).toBe(1011)
    expect(forwardableCloseCode(1004)).toBe(1011)
    expect(forwardableCloseCode(2000)).toBe(1011)
    expect(forwardableCloseCode(1001)).toBe(1001)
    expect(forwardableCloseCode(4000)).toBe(4000)
    expect(forwardableCloseCode(3999)).toBe(3999)
  })

  it('shortens reasons to 123 bytes without splitting characters', () => {
    expect(closeReason('short')).toBe('short')
    const long = closeReason('é'.repeat(100))
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123)
    expect(long.endsWith('…')).toBe(true)
    expect(long).not.toContain('\uFFFD')
  })
})

describe('chooseSubprotocol', () => {
  it('uses a pinned choice, else the first offered', () => {
    const request = {} as never
    expect(chooseSubprotocol(new Set(['a', 'b']), request)).toBe('a')
    pinSubprotocol(request, 'b')
    expect(chooseSubprotocol(new Set(['a', 'b']), request)).toBe('b')
    pinSubprotocol(request, false)
    expect(chooseSubprotocol(new Set(['a', 'b']), request)).toBe(false)
  })
})
