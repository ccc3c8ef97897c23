import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Server, type Socket } from 'socket.io'
import { afterEach, describe, expect, it } from 'vitest'
import { isTetherError } from '../../errors.js'
import { disposeVariables, makeVariable } from '../../variable/test-support/variables.js'
import { waitFor } from '../../variable/test-support/ws-server.js'

/**
 * A real Socket.IO 4 server: namespace /admin behind an auth check (token "secret"), two events (tick,
 * chat), chat lines from clients broadcast back, connection-state recovery on, and a gate that refuses
 * new Engine.IO connections (HTTP 403) so a test can keep a client away while events are emitted.
 */
async function startSocketIoServer() {
  const http: HttpServer = createServer()
  const io = new Server(http, {
    pingInterval: 40,
    pingTimeout: 2_000,
    connectionStateRecovery: { maxDisconnectionDuration: 60_000 },
  })
  const state = { gateOpen: true, engineConnections: 0, pongs: 0, recovered: [] as boolean[] }
  const received: unknown[] = []
  io.engine.opts.allowRequest = (_request, callback) => callback(null, state.gateOpen)
  io.engine.on('connection', (conn: { on(event: string, listener: (packet: { type: string }) => void): void }) => {
    state.engineConnections++
    conn.on('packet', (packet) => {
      if (packet.type === 'pong') state.pongs++
    })
  })
  const admin = io.of('/admin')
  admin.use((socket, next) => {
    if (socket.handshake.auth.token === 'secret') next()
    else next(new Error('not authorized'))
  })
  admin.on('connection', (socket: Socket) => {
    state.recovered.push(socket.recovered)
    socket.on('chat', (line: unknown) => {
      received.push(line)
      admin.emit('chat', line)
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    io,
    admin,
    state,
    received,
    url: `ws://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  }
}

type SocketIoServer = Awaited<ReturnType<typeof startSocketIoServer>>
const servers: SocketIoServer[] = []
async function serve(): Promise<SocketIoServer> {
  const server = await startSocketIoServer()
  servers.push(server)
  return server
}

afterEach(async () => {
  disposeVariables()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const adminService = (url: string, token: string) => ({
  name: 'ticks',
  url,
  protocol: 'socket.io' as const,
  protocolOptions: { namespace: '/admin', auth: { token } },
  channels: ['tick', 'chat'],
})

describe('socket.io services', () => {
  // First in the file: the protocol's code is not loaded yet, so open() waits for the dynamic import.
  it('close() while the protocol code loads opens nothing; the next open() connects once', async () => {
    const server = await serve()
    const v = makeVariable(adminService(server.url, 'secret'))
    const first = v.open()
    expect(v.status.state).toBe('connecting')
    await v.close()
    await expect(first).rejects.toMatchObject({ code: 'TETHER_CLOSED_BY_USER' })
    expect(v.status.state).toBe('closed')
    await v.open()
    await waitFor(() => server.admin.sockets.size === 1, 'the client in /admin')
    expect(server.state.engineConnections).toBe(1)
    expect(v.status.state).toBe('open')
  })

  it('joins a namespace with auth, fills one dataset per event, emits to a channel, answers pings', async () => {
    const server = await serve()
    const v = makeVariable(adminService(server.url, 'secret'), { onNewData: 'addAsLast' })
    await v.open()
    await waitFor(() => server.admin.sockets.size === 1, 'the server to see the client in /admin')

    server.admin.emit('tick', { n: 1 })
    server.admin.emit('other', { ignored: true })
    server.admin.emit('tick', { n: 2 })
    v.send({ text: 'hello' }, 'chat')
    await waitFor(() => (v.datasets.chat?.length ?? 0) === 1, 'the chat line broadcast back')
    await waitFor(() => (v.datasets.tick?.length ?? 0) === 2, 'two ticks')

    expect(server.received).toEqual([{ text: 'hello' }])
    expect(v.datasets).toEqual({ tick: [{ n: 1 }, { n: 2 }], chat: [{ text: 'hello' }] })
    expect(v.dataSet).toEqual([{ n: 1 }, { n: 2 }, { text: 'hello' }]) // 'other' is no channel of this service

    // The server pings every 40 ms and drops a client that does not answer within its timeout.
    await waitFor(() => server.state.pongs >= 5, 'five pongs to the server’s pings')
    expect(v.status.state).toBe('open')
    expect(server.state.engineConnections).toBe(1)
  })

  it('recovers the events emitted while it was away (connection-state recovery), none lost or repeated', async () => {
    const server = await serve()
    const v = makeVariable(adminService(server.url, 'secret'), { onNewData: 'addAsLast' })
    await v.open()
    await waitFor(() => server.admin.sockets.size === 1, 'the client in /admin')
    server.admin.emit('tick', { n: 1 })
    await waitFor(() => v.datasets.tick?.length === 1, 'the first tick')

    server.state.gateOpen = false
    for (const socket of server.admin.sockets.values()) socket.conn.close()
    await waitFor(() => server.admin.sockets.size === 0, 'the server to drop the client')
    server.admin.emit('tick', { n: 2 })
    server.admin.emit('tick', { n: 3 })
    await waitFor(() => v.status.lastError?.code === 'TETHER_CONNECT_FAILED', 'a refused reconnect attempt')
    server.state.gateOpen = true

    await waitFor(() => v.datasets.tick?.length === 3, 'the missed ticks, replayed', 15_000)
    server.admin.emit('tick', { n: 4 })
    await waitFor(() => v.datasets.tick?.length === 4, 'the live tick after the replay')
    expect(v.datasets.tick).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }])
    expect(server.state.recovered).toEqual([false, true])
    expect(v.status).toMatchObject({ state: 'open', lastError: null })
  })

  it('bad auth is TETHER_AUTH_FAILED, state error, and never retried', async () => {
    const server = await serve()
    const v = makeVariable(adminService(server.url, 'wrong'))
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_AUTH_FAILED')).toBe(true)
    expect((error as Error).message).toContain('not authorized')
    expect(v.status).toMatchObject({ state: 'error', nextRetryAt: null, lastError: { code: 'TETHER_AUTH_FAILED' } })
    expect(server.state.engineConnections).toBe(1)
  })

  it('an unknown namespace is a protocol error, not retried', async () => {
    const server = await serve()
    const v = makeVariable({ ...adminService(server.url, 'secret'), protocolOptions: { namespace: '/nowhere' } })
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_PROTOCOL_ERROR')).toBe(true)
    expect(v.status).toMatchObject({ state: 'error', nextRetryAt: null })
  })

  it('without channels every event is taken, each with its channel; send() emits "message"', async () => {
    const server = await serve()
    const heard: unknown[] = []
    server.io.on('connection', (socket) => socket.on('message', (line: unknown) => heard.push(line)))
    const seen: [unknown, string | undefined][] = []
    const v = makeVariable(
      { name: 'all', url: `${server.url}/socket.io/?EIO=4&transport=websocket`, protocol: 'socket.io' },
      { onMessageReceive: (_v, data, info) => void seen.push([data, info.channel]) },
    )
    await v.open()
    await waitFor(() => server.io.sockets.sockets.size === 1, 'the client in /')
    server.io.emit('a', 1)
    server.io.emit('b', 'two', 3)
    v.send('hi')
    await waitFor(() => seen.length === 2 && heard.length === 1, 'both events and the sent line')
    expect(seen).toEqual([
      [1, 'a'],
      [['two', 3], 'b'],
    ])
    expect(heard).toEqual(['hi'])
  })
})
