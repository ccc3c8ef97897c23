import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { isTetherError } from '../../errors.js'
import { disposeVariables, makeVariable } from '../../variable/test-support/variables.js'
import { waitFor } from '../../variable/test-support/ws-server.js'

interface SseRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/**
 * A real SSE endpoint on node:http. Every event gets the next id and is kept in a history, so a client
 * that comes back with Last-Event-ID gets exactly what it missed; `Authorization: Bearer secret` is
 * required (401 otherwise). `drop()` ends every open stream, as a proxy timing out would.
 */
async function startSseServer() {
  const history: { id: number; event: string | undefined; data: string }[] = []
  const requests: SseRequest[] = []
  const streams = new Set<ServerResponse>()
  const frame = (entry: (typeof history)[number]) =>
    `${entry.event === undefined ? '' : `event: ${entry.event}\n`}id: ${entry.id}\ndata: ${entry.data}\n\n`
  const http = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    request.on('end', () => {
      requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body })
      if (request.headers.authorization !== 'Bearer secret') {
        response.writeHead(401).end()
        return
      }
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
      response.write(': connected\n\n')
      const after = Number(request.headers['last-event-id'] ?? 0)
      for (const entry of history) if (entry.id > after) response.write(frame(entry))
      streams.add(response)
      response.on('close', () => streams.delete(response))
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/events`,
    requests,
    streams,
    emit(event: string | undefined, value: unknown) {
      const entry = { id: history.length + 1, event, data: JSON.stringify(value) }
      history.push(entry)
      for (const stream of streams) stream.write(frame(entry))
    },
    drop() {
      for (const stream of streams) stream.destroy()
    },
    close: () => {
      for (const stream of streams) stream.destroy()
      return new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}

type SseServer = Awaited<ReturnType<typeof startSseServer>>
const servers: SseServer[] = []
async function serve() {
  const server = await startSseServer()
  servers.push(server)
  return server
}

afterEach(async () => {
  disposeVariables()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const service = (url: string, token: string, extra: object = {}) => ({
  name: 'feed',
  url,
  protocol: 'sse' as const,
  protocolOptions: { headers: { Authorization: `Bearer ${token}` }, ...extra },
  channels: ['tick', 'chat'],
})

describe('sse services', () => {
  it('reads named events into one dataset per channel, with the service headers', async () => {
    const server = await serve()
    const v = makeVariable(service(server.url, 'secret'), { onNewData: 'addAsLast' })
    await v.open()
    await waitFor(() => server.streams.size === 1, 'the stream')
    server.emit('tick', { n: 1 })
    server.emit(undefined, { unnamed: true }) // a `message` event: not a channel of this service
    server.emit('chat', { text: 'hi' })
    server.emit('tick', { n: 2 })
    await waitFor(() => v.datasets.tick?.length === 2 && v.datasets.chat?.length === 1, 'two ticks and a line')
    expect(v.datasets).toEqual({ tick: [{ n: 1 }, { n: 2 }], chat: [{ text: 'hi' }] })
    expect(v.dataSet).toEqual([{ n: 1 }, { text: 'hi' }, { n: 2 }])
    expect(server.requests[0]).toMatchObject({ method: 'GET', headers: { accept: 'text/event-stream' } })
  })

  it('resumes with Last-Event-ID after the stream ends: nothing lost, nothing twice', async () => {
    const server = await serve()
    const v = makeVariable(service(server.url, 'secret'), { onNewData: 'addAsLast' })
    await v.open()
    await waitFor(() => server.streams.size === 1, 'the stream')
    server.emit('tick', { n: 1 })
    server.emit('tick', { n: 2 })
    await waitFor(() => v.datasets.tick?.length === 2, 'two ticks')

    server.drop()
    await waitFor(() => server.streams.size === 0, 'the stream to end')
    server.emit('tick', { n: 3 }) // while the client is away
    server.emit('chat', { text: 'missed?' })
    await waitFor(() => server.requests.length === 2 && server.streams.size === 1, 'the reconnect')
    server.emit('tick', { n: 4 })
    await waitFor(() => v.datasets.tick?.length === 4 && v.datasets.chat?.length === 1, 'the missed and the new')

    expect(server.requests[1]?.headers['last-event-id']).toBe('2')
    expect(v.datasets).toEqual({ tick: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }], chat: [{ text: 'missed?' }] })
  })

  it('POSTs the bound RequestBody as JSON when the method is POST', async () => {
    const server = await serve()
    const v = makeVariable(service(server.url, 'secret', { method: 'POST' }), {
      dataBinding: { RequestBody: { room: 'a' } },
    })
    await v.open()
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      body: '{"room":"a"}',
      headers: { 'content-type': 'application/json' },
    })
  })

  it('401 is TETHER_AUTH_FAILED, never retried; sending is refused', async () => {
    const server = await serve()
    const errors: string[] = []
    const v = makeVariable(service(server.url, 'wrong'), { onError: (_v, error) => void errors.push(error.code) })
    const error = await v.open().catch((e: unknown) => e)
    expect(isTetherError(error, 'TETHER_AUTH_FAILED')).toBe(true)
    expect(v.status).toMatchObject({ state: 'error', nextRetryAt: null })
    expect(server.requests).toHaveLength(1)
    v.send({ a: 1 })
    expect(errors).toEqual(['TETHER_AUTH_FAILED', 'TETHER_SEND_FAILED'])
    expect(v.queuedMessages).toBe(0)
  })
})
