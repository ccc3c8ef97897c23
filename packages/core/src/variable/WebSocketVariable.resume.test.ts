import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import { disposeVariables, makeVariable } from './test-support/variables.js'
import { startTestServer, type TestServer, waitFor } from './test-support/ws-server.js'

interface ChatMessage {
  id: number
  room: string
  message: string
}

/**
 * A chat service like Tether's demo: `?history=N` sends the last N messages on join, `?since=<id>` every
 * message after that id, then live. The log outlives the server, so messages can be posted while it is
 * down (as if other users talked while this client was away). `honourSince: false` makes a careless
 * service that resends its history on every connection.
 */
async function chatService(options: { honourSince?: boolean } = {}) {
  const log: ChatMessage[] = []
  const rooms = new Map<WebSocket, string>()
  let server: TestServer | null = null
  const onConnection = (socket: WebSocket, requestUrl: string) => {
    const query = new URL(requestUrl, 'ws://x').searchParams
    const room = query.get('room') ?? 'general'
    rooms.set(socket, room)
    const inRoom = log.filter((m) => m.room === room)
    const since = query.get('since')
    const backlog =
      since !== null && options.honourSince !== false
        ? inRoom.filter((m) => m.id > Number(since))
        : inRoom.slice(-Number(query.get('history') ?? 0))
    for (const message of backlog) socket.send(JSON.stringify(message))
  }
  server = await startTestServer({ onConnection })
  const chat = {
    server,
    post(message: string, room = 'general') {
      const entry = { id: log.length + 1, room, message }
      log.push(entry)
      for (const client of server?.clients ?? []) if (rooms.get(client) === room) client.send(JSON.stringify(entry))
    },
  }
  servers.push(server)
  return chat
}

const servers: TestServer[] = []
afterEach(async () => {
  disposeVariables()
  for (const server of servers.splice(0)) await server.kill()
})

const ids = (dataSet: unknown) => (dataSet as ChatMessage[]).map((m) => m.id)

describe('WebSocketVariable: resume (reconnect with since)', () => {
  it('messages posted while the client was away arrive exactly once, in order, after the restart', async () => {
    const { server, post } = await chatService()
    const v = makeVariable(
      { name: 'chat', url: server.url('/chat'), queryParams: [{ name: 'history' }, { name: 'since' }] },
      { dataBinding: { history: 2 }, onNewData: 'addAsLast', dataLimit: 0, resume: { param: 'since', field: 'id' } },
    )
    post('one')
    post('two')
    post('three')
    await v.open()
    await waitFor(() => ids(v.dataSet).length === 2, 'the history')
    post('four')
    await waitFor(() => ids(v.dataSet).length === 3, 'a live message')

    await server.kill()
    post('five') // while the client is away
    post('six')
    await waitFor(() => v.status.state === 'reconnecting', 'the loss to be noticed')
    await server.restart()
    await waitFor(() => ids(v.dataSet).length === 5, 'the missed messages')
    post('seven')
    await waitFor(() => ids(v.dataSet).length === 6, 'live again')

    expect(ids(v.dataSet)).toEqual([2, 3, 4, 5, 6, 7])
    expect(server.requests[0]).toBe('/chat?history=2') // the first connect uses the bindings alone
    expect(server.requests.at(-1)).toBe('/chat?history=2&since=4')
  })

  it('a service that ignores since and resends its history: the overlap is dropped, handlers see each record once', async () => {
    const { server, post } = await chatService({ honourSince: false })
    const seen: number[] = []
    const v = makeVariable(
      { name: 'chat', url: server.url('/chat'), queryParams: [{ name: 'history' }] }, // `since` not declared
      {
        dataBinding: { history: 10 },
        onNewData: 'addAsLast',
        resume: { param: 'since', field: 'id' },
        onMessageReceive: (_v, data) => void seen.push((data as ChatMessage).id),
      },
    )
    post('one')
    post('two')
    await v.open()
    await waitFor(() => ids(v.dataSet).length === 2, 'the history')
    await server.kill()
    post('three')
    await server.restart()
    await waitFor(() => ids(v.dataSet).length === 3, 'the message missed')
    post('four')
    await waitFor(() => ids(v.dataSet).length === 4, 'a live message')

    expect(ids(v.dataSet)).toEqual([1, 2, 3, 4])
    expect(seen).toEqual([1, 2, 3, 4])
    expect(server.requests.at(-1)).toBe('/chat?history=10&since=2') // undeclared: appended anyway
    expect(v.status.messagesReceived).toBe(2 + 3 + 1) // duplicates are counted as received, then dropped
  })

  it('no record received yet: the reconnect uses the bindings alone', async () => {
    const { server } = await chatService()
    const v = makeVariable(
      { name: 'chat', url: server.url('/chat'), queryParams: [{ name: 'history' }, { name: 'since' }] },
      { dataBinding: { history: 5 }, resume: { param: 'since', field: 'id' } },
    )
    await v.open()
    await server.kill()
    await server.restart()
    await waitFor(() => server.requests.length === 2 && v.status.state === 'open', 'the reconnect')
    expect(server.requests).toEqual(['/chat?history=5', '/chat?history=5'])
  })

  it('a binding that changes the URL starts a new stream: no since, no dedupe against the old room', async () => {
    const { server, post } = await chatService()
    const v = makeVariable(
      { name: 'chat', url: server.url('/chat'), queryParams: [{ name: 'room' }, { name: 'history' }] },
      {
        dataBinding: { room: 'a', history: 10 },
        onNewData: 'addAsLast',
        resume: { param: 'since', field: 'id' },
      },
    )
    post('in b', 'b') // id 1
    post('in a', 'a') // id 2
    await v.open()
    await waitFor(() => ids(v.dataSet).length === 1, 'room a')
    v.setInput('room', 'b')
    await waitFor(() => ids(v.dataSet).length === 2, 'room b, whose id is below the newest of room a')
    expect(ids(v.dataSet)).toEqual([2, 1])
    expect(server.requests).toEqual(['/chat?room=a&history=10', '/chat?room=b&history=10'])
  })
})
