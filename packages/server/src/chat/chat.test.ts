import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  login,
  type RunningServer,
  sqliteTestDatabase,
  startServer,
  type TestDatabase,
} from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'
import type { ChatMessageFrame } from './message-store.js'

const BUFFER_CAP = 64 * 1024

describe('/websocket/chatroom', () => {
  let database: TestDatabase
  let server: RunningServer
  const cookies: Record<string, string> = {}
  let roomCounter = 0
  const newRoom = () => `room-${++roomCounter}`

  beforeAll(async () => {
    database = sqliteTestDatabase()
    // The slow-reader test posts thousands of messages as fast as they are stored: lift the message rate.
    server = await startServer({
      ...database.env,
      WS_MAX_BUFFERED_BYTES: String(BUFFER_CAP),
      CHAT_RATE_PER_SECOND: '100000',
      CHAT_RATE_BURST: '100000',
    })
    for (const user of ['user1', 'user2', 'user3']) cookies[user] = await login(server.http, user)
  })
  afterAll(async () => {
    await server?.close()
    await database?.cleanup()
  })

  function join(user: string | null, query: string, headers: Record<string, string> = {}): RecordingClient {
    const cookie: Record<string, string> = user ? { cookie: cookies[user] ?? '' } : {}
    return connectClient(`${server.ws}/websocket/chatroom?${query}`, { headers: { ...cookie, ...headers } })
  }

  const chat = (client: RecordingClient) => client.messages as ChatMessageFrame[]

  it('delivers every message to every member, the sender included, in one order', async () => {
    const room = newRoom()
    const members = ['user1', 'user2', 'user3'].map((user) => join(user, `room=${room}`))
    // A member is in the room once its own first message comes back (the join runs after the upgrade);
    // after that it receives everything posted later.
    await Promise.all(members.map((m) => m.opened))
    for (const [index, member] of members.entries()) member.ws.send(`joined ${index + 1}`)
    await waitFor(
      () => members.every((m, i) => chat(m).some((c) => c.message === `joined ${i + 1}`)),
      'everyone to join',
    )
    for (const [index, member] of members.entries()) member.ws.send(`hello from ${index + 1}`)
    const hellos = (member: RecordingClient) => chat(member).filter((m) => m.message.startsWith('hello'))
    await waitFor(() => members.every((m) => hellos(m).length === 3), 'three messages everywhere')
    const first = hellos(members[0] as RecordingClient)
    expect(first.map((m) => m.username).sort()).toEqual(['user1', 'user2', 'user3'])
    for (const m of first) expect(m.message).toBe(`hello from ${m.username.slice(-1)}`)
    for (const member of members) expect(hellos(member)).toEqual(first)
    for (const message of first) {
      expect(Object.keys(message).sort()).toEqual(['id', 'message', 'time', 'username'])
      expect(Number.isInteger(message.id)).toBe(true)
      expect(Math.abs(message.time - Date.now())).toBeLessThan(60_000)
    }
    expect(first.map((m) => m.id)).toEqual([...first.map((m) => m.id)].sort((a, b) => a - b))
    for (const member of members) member.ws.close()
  })

  it('refuses to let anyone post as someone else', async () => {
    const impostor = join('user1', 'username=user2')
    const closed = await impostor.closedPromise
    expect(closed.code).toBe(4403)
    expect(closed.reason).toMatch(/^TETHER_ACTING_AS_ANOTHER_USER: .*you can only post as yourself$/)

    const room = newRoom()
    const honest = join('user1', `username=user1&room=${room}`)
    await honest.opened
    honest.ws.send('it is me')
    await waitFor(() => chat(honest).length === 1, 'the own message')
    expect(chat(honest)[0]?.username).toBe('user1')
    honest.ws.close()
  })

  it('echoes a design-time test (?test=1) to the tester alone and stores nothing', async () => {
    const room = newRoom()
    const member = join('user2', `room=${room}`)
    const tester = join('user1', `username=user1&room=${room}&test=1`)
    await Promise.all([member.opened, tester.opened])
    tester.ws.send('just testing')
    await waitFor(() => chat(tester).length === 1, 'the echo')
    expect(chat(tester)[0]).toMatchObject({ id: 0, username: 'user1', message: 'just testing' })
    // The room keeps its order: had the test been posted, the member would receive it before this.
    member.ws.send('marker')
    await waitFor(() => chat(member).length >= 1, 'the marker')
    expect(chat(member).map((m) => m.message)).toEqual(['marker'])
    const later = join('user3', `room=${room}&history=10`)
    await waitFor(() => chat(later).length >= 1, 'the history')
    expect(chat(later).map((m) => m.message)).toEqual(['marker'])
    for (const client of [member, tester, later]) client.ws.close()
  })

  it('refuses unauthenticated connections and forged cookies', async () => {
    for (const headers of [{}, { cookie: 'tether_session=forged.value' }] as Record<string, string>[]) {
      const anonymous = join(null, 'room=general', headers)
      const closed = await anonymous.closedPromise
      expect(closed.code).toBe(4401)
      expect(closed.reason).toMatch(/^Log in first: /)
    }
  })

  it('refuses a cross-origin upgrade and accepts the same origin', async () => {
    const foreign = join('user1', 'room=general', { origin: 'http://evil.example' })
    const closed = await foreign.closedPromise
    expect(closed.code).toBe(4403)

    const room = newRoom()
    const same = join('user1', `room=${room}`, { origin: server.http })
    await same.opened
    same.ws.send('same origin')
    await waitFor(() => chat(same).length === 1, 'the same-origin message')
    same.ws.close()
  })

  it('refuses bad query parameters with 1008', async () => {
    for (const query of ['room=no%20spaces', `room=${'x'.repeat(65)}`, 'history=-1', 'since=abc', 'room=a&room=b']) {
      const closed = await join('user1', query).closedPromise
      expect(closed.code, query).toBe(1008)
    }
  })

  it('ignores blank messages and closes with 1009 on a message over 2000 characters', async () => {
    const room = newRoom()
    const client = join('user2', `room=${room}`)
    await client.opened
    client.ws.send('   \n ')
    client.ws.send('visible')
    await waitFor(() => chat(client).length === 1, 'the visible message')
    expect(chat(client)[0]?.message).toBe('visible')
    client.ws.send('x'.repeat(2001))
    const closed = await client.closedPromise
    expect(closed.code).toBe(1009)
    expect(closed.reason).toMatch(/2000 characters/)
  })

  it('closes malformed frames with the protocol codes: 1007 invalid UTF-8, 1009 over maxPayload', async () => {
    const invalidText = join('user1', `room=${newRoom()}`)
    await invalidText.opened
    invalidText.ws.send(Buffer.from([0xff, 0xfe, 0xfd]), { binary: false })
    expect((await invalidText.closedPromise).code).toBe(1007)

    const huge = join('user1', `room=${newRoom()}`)
    await huge.opened
    huge.ws.send('z'.repeat(server.config.limits.maxPayload + 1))
    expect((await huge.closedPromise).code).toBe(1009)
  })

  it('sends the last N messages on join with ?history=N', async () => {
    const room = newRoom()
    const writer = join('user1', `room=${room}`)
    await writer.opened
    for (let i = 1; i <= 5; i++) writer.ws.send(`m${i}`)
    await waitFor(() => chat(writer).length === 5, 'five messages')

    const three = join('user2', `room=${room}&history=3`)
    await waitFor(() => chat(three).length === 3, 'three history messages')
    expect(chat(three).map((m) => m.message)).toEqual(['m3', 'm4', 'm5'])
    // Without ?history, nothing old arrives: the member's first message is its own.
    const none = join('user3', `room=${room}`)
    await none.opened
    none.ws.send('hi')
    await waitFor(() => chat(none).length === 1, 'the own message')
    writer.ws.send('m6')
    await waitFor(() => chat(three).length === 5 && chat(none).length === 2, 'the live message')
    expect(chat(none).map((m) => m.message)).toEqual(['hi', 'm6'])
    expect(chat(three).map((m) => m.message)).toEqual(['m3', 'm4', 'm5', 'hi', 'm6'])
    for (const c of [writer, three, none]) c.ws.close()
  })

  it('resumes with ?since=<id> after a disconnect: nothing lost, nothing twice', async () => {
    const room = newRoom()
    const writer = join('user1', `room=${room}`)
    // since=0 in a new room: everything, however late the join completes.
    const reader = join('user2', `room=${room}&since=0`)
    await Promise.all([writer.opened, reader.opened])
    writer.ws.send('before')
    await waitFor(() => chat(reader).length === 1, 'the first message')
    const lastSeen = chat(reader)[0]?.id ?? -1
    reader.ws.close()
    await reader.closedPromise

    for (let i = 0; i < 5; i++) writer.ws.send(`while away ${i}`)
    await waitFor(() => chat(writer).length === 6, 'the messages posted while away')

    // Rejoin while the writer keeps posting, so backlog and live stream overlap.
    const posting = (async () => {
      for (let i = 0; i < 40; i++) {
        writer.ws.send(`during rejoin ${i}`)
        if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const back = join('user2', `room=${room}&since=${lastSeen}`)
    await posting
    await waitFor(() => chat(writer).length === 46, 'every message stored')
    await waitFor(() => chat(back).length >= 45, 'the backlog and the live messages')
    writer.ws.send('after')
    await waitFor(() => chat(back).at(-1)?.message === 'after', 'the message after rejoining')

    const expected = chat(writer).filter((m) => m.id > lastSeen)
    expect(chat(back)).toEqual(expected)
    expect(new Set(chat(back).map((m) => m.id)).size).toBe(chat(back).length)
    writer.ws.close()
    back.ws.close()
  })

  it('closes a member that stops reading, keeping its buffered bytes under the cap', async () => {
    // Earlier tests' sockets must be gone, so the server's clients are this test's two members only.
    await waitFor(() => server.app.websocketServer.clients.size === 0, 'earlier sockets to close')
    const room = newRoom()
    const writer = join('user1', `room=${room}`)
    const stalled = join('user3', `room=${room}&since=0`)
    await Promise.all([writer.opened, stalled.opened])
    writer.ws.send('ready?')
    await waitFor(() => chat(stalled).length === 1, 'the stalled member to join')
    const rawSocket = (stalled.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket
    rawSocket.pause()

    const serverSockets = [...server.app.websocketServer.clients]
    let maxBuffered = 0
    const watcher = setInterval(() => {
      for (const socket of serverSockets) maxBuffered = Math.max(maxBuffered, socket.bufferedAmount)
    }, 2)
    try {
      const big = 'y'.repeat(1900)
      let sent = 0
      await waitFor(
        async () => {
          if (serverSockets.some((s) => s.readyState === WebSocket.CLOSING || s.readyState === WebSocket.CLOSED))
            return true
          for (let i = 0; i < 50; i++) writer.ws.send(big)
          sent += 50
          await waitFor(() => chat(writer).length > sent, 'the writer to get its batch back')
          return false
        },
        'the stalled member to be closed',
        60_000,
      )
    } finally {
      clearInterval(watcher)
    }
    expect(maxBuffered).toBeGreaterThan(0)
    expect(maxBuffered).toBeLessThanOrEqual(BUFFER_CAP)
    expect(writer.ws.readyState).toBe(WebSocket.OPEN)

    rawSocket.resume()
    const closed = await stalled.closedPromise
    expect(closed.code).toBe(1013)
    expect(closed.reason).toMatch(/not reading fast enough/)
    writer.ws.close()
  })
})
