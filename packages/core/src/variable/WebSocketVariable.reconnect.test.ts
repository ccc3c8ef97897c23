import { type AddressInfo, createServer, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { isTetherError } from '../errors.js'
import { disposeVariables, makeVariable, recordEvents } from './test-support/variables.js'
import { freePort, startTestServer, type TestServer, waitFor } from './test-support/ws-server.js'

const servers: TestServer[] = []
async function serve(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer(options)
  servers.push(server)
  return server
}

afterEach(async () => {
  disposeVariables()
  for (const server of servers.splice(0)) await server.kill()
})

describe('WebSocketVariable: reconnect', () => {
  it('server killed and restarted on the same port: reconnects, flushes the queue in order, no duplicate subscribe', async () => {
    const server = await serve()
    const events = recordEvents()
    const v = makeVariable(server.url('/quotes'), {
      dataBinding: { RequestBody: 'subscribe' },
      onClose: events.handlers.onClose,
    })
    await v.open()
    await waitFor(() => server.received.length === 1, 'the subscribe message')
    await waitFor(() => v.status.attempts === 0, 'a stable connection')

    await server.kill()
    await waitFor(() => v.status.state === 'reconnecting' || v.status.attempts > 0, 'the loss to be noticed')
    expect(v.status.lastError?.code).toBe('TETHER_CONNECTION_LOST')
    expect(events.calls[0]?.[2]).toEqual({ intentional: false, willReconnect: true })
    v.send('a')
    v.send() // the subscribe message, queued while down
    v.send('b')
    await waitFor(() => v.status.attempts >= 1 && v.status.state !== 'connecting', 'a failed retry while down')
    expect(v.status.state).toBe('reconnecting')
    expect(v.status.nextRetryAt).toBeGreaterThan(0)

    await server.restart()
    await waitFor(() => v.status.state === 'open', 'the reconnect')
    await waitFor(() => server.received.length === 4, 'the flushed queue')
    expect(server.received.map((r) => `${r.connection}:${r.data}`)).toEqual([
      '1:subscribe',
      '2:subscribe',
      '2:a',
      '2:b',
    ])
    expect(v.status).toMatchObject({ lastError: null, nextRetryAt: null })
    await waitFor(() => v.status.attempts === 0, 'the attempt count to reset after the minimum uptime')
  })

  it('a failed first connect keeps retrying (open() rejects) until the server appears', async () => {
    const port = await freePort()
    const v = makeVariable(`ws://127.0.0.1:${port}/late`)
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_CONNECT_FAILED')).toBe(true)
    expect(v.status.state).toMatch(/reconnecting|connecting/)
    await waitFor(() => v.status.attempts >= 2, 'a second attempt')
    const server = await serve({ port })
    await waitFor(() => v.status.state === 'open', 'the late server to be reached')
    expect(server.requests).toEqual(['/late'])
  })

  it('never reconnects after an intentional close()', async () => {
    const server = await serve()
    const v = makeVariable(server.url('/x'))
    await v.open()
    await v.close()
    await server.kill()
    await server.restart()
    // A retry would arrive well within ten backoff periods (10–50 ms each); poll that long for one.
    await expect(waitFor(() => server.requests.length > 1, 'a reconnect', 500)).rejects.toThrow(/Timed out/)
    expect(v.status.state).toBe('closed')
  })

  it('close() while reconnecting stops the retries', async () => {
    const v = makeVariable(`ws://127.0.0.1:${await freePort()}/x`, { reconnect: { initialDelayMs: 10_000 } })
    await v.open().catch(() => {})
    expect(v.status.state).toBe('reconnecting')
    await v.close()
    expect(v.status).toMatchObject({ state: 'closed', nextRetryAt: null })
  })

  it('gives up after maxAttempts and settles in error', async () => {
    const v = makeVariable(`ws://127.0.0.1:${await freePort()}/x`, {
      reconnect: { initialDelayMs: 5, maxDelayMs: 5, maxAttempts: 3 },
    })
    await v.open().catch(() => {})
    await waitFor(() => v.status.state === 'error', 'giving up')
    expect(v.status).toMatchObject({ attempts: 3, lastError: { code: 'TETHER_CONNECT_FAILED' } })
  })

  it('a server refusal (close code 4401) is not retried', async () => {
    const server = await serve({ onConnection: (socket) => socket.close(4401, 'not authenticated') })
    const v = makeVariable(server.url('/x'))
    await v.open()
    await waitFor(() => v.status.state === 'error', 'the refusal')
    expect(v.status.lastError?.message).toContain('4401: not authenticated')
    expect(server.requests.length).toBe(1)
  })

  it('a server that accepts and closes at once is backed off from (attempts keep counting) and given up on', async () => {
    const server = await serve({ onConnection: (socket) => socket.close(1000, 'go away') })
    const v = makeVariable(server.url('/x'), {
      reconnect: { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 4, minUptimeMs: 60_000 },
    })
    await v.open()
    await waitFor(() => v.status.state === 'error', 'giving up after maxAttempts', 20_000)
    expect(server.requests.length).toBe(4)
    expect(v.status).toMatchObject({ attempts: 4, lastError: { code: 'TETHER_CONNECTION_LOST' } })
  })

  it('a connection that stays open for minUptimeMs resets the attempt count', async () => {
    let connections = 0
    const server = await serve({ onConnection: (socket) => ++connections < 3 && socket.close(1000, 'not yet') })
    const v = makeVariable(server.url('/x'), { reconnect: { initialDelayMs: 5, maxDelayMs: 20, minUptimeMs: 30 } })
    await v.open()
    await waitFor(() => server.requests.length === 3 && v.status.state === 'open', 'the third connection')
    await waitFor(() => v.status.attempts === 0, 'the reset after 30 ms of uptime')
    expect(server.requests.length).toBe(3)
  })

  it('a peer that never answers the upgrade fails the attempt after connectTimeoutMs, and it is retried', async () => {
    const sockets: Socket[] = []
    let closed = 0
    // TCP accepted and the upgrade request read, never answered.
    const silent = createServer((socket) => {
      sockets.push(socket)
      socket.resume()
      socket.on('close', () => ++closed)
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = silent.address() as AddressInfo
      const v = makeVariable(`ws://127.0.0.1:${port}/x`, {
        connectTimeoutMs: 100,
        reconnect: { initialDelayMs: 5, maxAttempts: 2 },
      })
      const error = await v.open().catch((e: unknown) => e)
      expect(isTetherError(error, 'TETHER_CONNECT_FAILED')).toBe(true)
      expect((error as Error).message).toContain('did not complete the handshake within 100 ms')
      await waitFor(() => v.status.state === 'error', 'giving up after two timed-out attempts')
      expect(sockets.length).toBe(2)
      await waitFor(
        () => sockets.every((socket) => socket.destroyed || socket.readableEnded),
        'abandoned sockets closed',
      )
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('rejects a connectTimeoutMs or minUptimeMs that is not a positive duration', () => {
    expect(() => makeVariable('ws://127.0.0.1:1/x', { connectTimeoutMs: 0 })).toThrow(/connectTimeoutMs/)
    expect(() => makeVariable('ws://127.0.0.1:1/x', { reconnect: { minUptimeMs: -1 } })).toThrow(/minUptimeMs/)
  })

  it('resendRequestBodyOnReconnect false sends the RequestBody only on the first connection', async () => {
    const server = await serve()
    const v = makeVariable(server.url('/x'), {
      dataBinding: { RequestBody: 'hello' },
      resendRequestBodyOnReconnect: false,
    })
    await v.open()
    await waitFor(() => server.received.length === 1, 'the first send')
    await server.kill()
    await server.restart()
    await waitFor(() => v.status.state === 'open' && server.clients.size === 1, 'the reconnect')
    v.send('after')
    await waitFor(() => server.received.length === 2, 'a later frame')
    expect(server.received.map((r) => `${r.connection}:${r.data}`)).toEqual(['1:hello', '2:after'])
  })
})

describe('WebSocketVariable: heartbeat', () => {
  it('no frame within timeoutMs: HEARTBEAT_TIMEOUT, then a new connection', async () => {
    const server = await serve() // accepts and stays silent, like a dead peer
    const errors: string[] = []
    const v = makeVariable(server.url('/x'), {
      heartbeat: { timeoutMs: 60 },
      onError: (_v, e) => void errors.push(e.code),
    })
    await v.open()
    await waitFor(() => server.requests.length >= 2, 'a reconnect after the timeout')
    expect(errors[0]).toBe('TETHER_HEARTBEAT_TIMEOUT')
  })

  it('a ping that the server answers keeps the connection alive', async () => {
    const server = await serve({ onMessage: (socket, data) => data === 'ping' && socket.send('pong') })
    // The timeout is long enough that a busy machine's event-loop stall cannot pass for a dead peer; the
    // pings still span more than two timeouts, so only the answers can have kept the connection open.
    const v = makeVariable(server.url('/x'), { heartbeat: { timeoutMs: 1500, intervalMs: 100, message: 'ping' } })
    await v.open()
    await waitFor(
      () => server.received.filter((r) => r.data === 'ping').length >= 35,
      'pings over several timeouts',
      15_000,
    )
    expect(server.requests.length).toBe(1)
    expect(v.status.state).toBe('open')
    expect(v.dataSet).toBe('pong')
  })
})
