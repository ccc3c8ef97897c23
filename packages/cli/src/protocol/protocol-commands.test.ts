import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineWebSocketService } from '@tether/core'
import { Server } from 'socket.io'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startGraphqlServer } from '../../../core/src/protocols/graphql-ws/test-support/graphql-servers.js'
import { main } from '../cli.js'
import { captureIo } from '../test-support/cli-helpers.js'

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const cleanups: (() => Promise<void> | void)[] = []
let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tether-cli-protocols-'))
  writeFileSync(join(dir, 'tether.json'), '{"name":"demo","homePage":"Main","pages":["Main"]}\n')
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
  rmSync(dir, { recursive: true, force: true })
})

/** A Socket.IO 4 server that emits tick and chat every 10 ms to whoever joins (auth token "secret" on /admin). */
async function socketIoServer(options: { path?: string; allowEIO3?: boolean } = {}) {
  const http = createServer()
  const io = new Server(http, options)
  let n = 0
  const timer = setInterval(() => {
    n++
    io.emit('tick', { n })
    io.emit('chat', { text: `line ${n}` })
  }, 10)
  io.of('/admin').use((socket, next) =>
    socket.handshake.auth.token === 'secret' ? next() : next(new Error('not authorized')),
  )
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => {
    clearInterval(timer)
    return new Promise<void>((resolve) => io.close(() => resolve()))
  })
  return { port: (http.address() as AddressInfo).port }
}

describe('tether test with protocols', () => {
  it('speaks socket.io for an Engine.IO URL and prints each event with its channel', async () => {
    const { port } = await socketIoServer()
    const run = captureIo(dir)
    const url = `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`
    expect(await main(['test', url, '--channel', 'tick', '--channel', 'chat', '--count', '4'], run.io)).toBe(0)
    expect(run.stderr()).toMatch(/Speaking socket.io: the URL is an Engine.IO URL/)
    expect(run.stdout()).toMatch(/\d\d:\d\d:\d\d\.\d{3} {2}\[tick\] {2}JSON\n {2}\{\n {4}"n": \d+/)
    expect(run.stdout()).toMatch(/\[chat\] {2}JSON\n {2}\{\n {4}"text": "line \d+"/)
  })

  it('recognises a Socket.IO server by its Engine.IO open packet on a custom path', async () => {
    const { port } = await socketIoServer({ path: '/live', allowEIO3: true })
    const run = captureIo(dir)
    expect(await main(['test', `ws://127.0.0.1:${port}/live/?transport=websocket`, '--count', '2'], run.io)).toBe(0)
    expect(run.stderr()).toMatch(/Engine.IO open packet: speaking socket.io/)
    expect(run.stdout()).toMatch(/\[(tick|chat)\] {2}JSON/)
  })

  it('bad Socket.IO auth fails once with the coded reason and what to do', async () => {
    const { port } = await socketIoServer()
    const run = captureIo(dir)
    const args = ['test', `ws://127.0.0.1:${port}`, '--protocol', 'socket.io', '--options', '{"namespace":"/admin"}']
    expect(await main(args, run.io)).toBe(1)
    expect(run.stderr()).toMatch(/refused to connect to \/admin \(not authorized\)[\s\S]*check --options/)
  })

  it('rejects a bad --channel with exit 2 and the channel named', async () => {
    const run = captureIo(dir)
    expect(await main(['test', 'ws://127.0.0.1:1/mqtt', '--protocol', 'mqtt', '--channel', 'a/#/b'], run.io)).toBe(2)
    expect(run.stderr()).toMatch(/--channel\[0\]: '#' must be a whole level/)
  })

  it('finds graphql-transport-ws behind a server that refuses a bare WebSocket', async () => {
    const server = await startGraphqlServer('transport-ws')
    cleanups.push(() => server.close())
    const run = captureIo(dir)
    const channel = 'ticks=subscription { tick(room: "a") { n } }'
    const done = main(
      [
        'test',
        server.url,
        '--channel',
        channel,
        '--options',
        '{"connectionParams":{"token":"secret"}}',
        '--count',
        '1',
      ],
      run.io,
    )
    await waitFor(() => server.events.listeners === 1, 'the subscription')
    server.events.publish({ topic: 'tick', room: 'a', value: { n: 7 } })
    expect(await done).toBe(0)
    expect(run.stderr()).toMatch(
      /refused a bare WebSocket \(close 4406[\s\S]*It speaks graphql-ws: it accepted graphql-transport-ws/,
    )
    expect(run.stdout()).toMatch(/\[ticks\] {2}JSON\n {2}\{\n {4}"n": 7\n {2}\}/)
  })

  it('finds the legacy graphql-ws subprotocol (subscriptions-transport-ws) the same way', async () => {
    const server = await startGraphqlServer('legacy')
    cleanups.push(() => server.close())
    const run = captureIo(dir)
    const options = '{"connectionParams":{"token":"secret"}}'
    const done = main(
      ['test', server.url, '--channel', 'subscription { chat { text } }', '--options', options, '--count', '1'],
      run.io,
    )
    await waitFor(() => server.events.listeners === 1, 'the subscription')
    server.events.publish({ topic: 'chat', value: { text: 'old school' } })
    expect(await done).toBe(0)
    expect(run.stderr()).toMatch(
      /It speaks graphql-ws: it accepted the legacy graphql-ws subprotocol[\s\S]*"legacy":true/,
    )
    expect(run.stdout()).toMatch(/\[chat\] {2}JSON\n {2}\{\n {4}"text": "old school"/)
  })

  it('reads an http URL that answers text/event-stream as SSE, events as channels', async () => {
    const streams = new Set<ServerResponse>()
    const http = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' })
      response.write('event: price\nid: 1\ndata: {"p":1}\n\nevent: news\nid: 2\ndata: hello\n\n')
      streams.add(response)
    })
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
    cleanups.push(() => {
      for (const stream of streams) stream.destroy()
      return new Promise<void>((resolve) => http.close(() => resolve()))
    })
    const run = captureIo(dir)
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/events`
    expect(await main(['test', url, '--count', '2'], run.io)).toBe(0)
    expect(run.stderr()).toMatch(/answers text\/event-stream: reading it as SSE/)
    expect(run.stdout()).toMatch(/\[price\] {2}JSON\n {2}\{\n {4}"p": 1\n {2}\}\n[\s\S]*\[news\] {2}text\n {2}hello\n/)
  })
})

describe('tether import with protocols', () => {
  it('infers one schema per channel and writes protocol, options and channels', async () => {
    const { port } = await socketIoServer()
    const run = captureIo(dir)
    const args = [
      'import',
      `ws://127.0.0.1:${port}`,
      '--protocol',
      'socket.io',
      '--channel',
      'tick',
      '--channel',
      'chat',
    ]
    expect(await main([...args, '--samples', '2', '--name', 'market'], run.io)).toBe(0)
    const file = join(dir, 'services', 'market.service.json')
    const definition = defineWebSocketService(readFileSync(file, 'utf8')).definition
    expect(definition).toMatchObject({ name: 'market', protocol: 'socket.io', url: `ws://127.0.0.1:${port}` })
    const [tick, chat] = definition.channels as { name: string; samples: unknown[]; schema: { properties: object } }[]
    expect(tick?.name).toBe('tick')
    expect(tick?.samples).toHaveLength(2)
    expect(Object.keys(tick?.schema.properties ?? {})).toEqual(['n'])
    expect(chat?.name).toBe('chat')
    expect(Object.keys(chat?.schema.properties ?? {})).toEqual(['text'])
    expect(run.stdout()).toMatch(/Channel tick:\n {2}n: integer\nChannel chat:\n {2}text: string\n/)
  })
})
