import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  postgresTestDatabase,
  type RunningServer,
  startServer,
  type TestDatabase,
} from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import type { ChatMessageFrame } from './message-store.js'

const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL)
if (!enabled) skipNotice('chat scale-out (two instances, PostgreSQL + Redis)', 'TEST_DATABASE_URL and TEST_REDIS_URL')

describe.skipIf(!enabled)('chat across two server instances (PostgreSQL + Redis)', () => {
  let database: TestDatabase
  let a: RunningServer
  let b: RunningServer
  let cookieA: string
  let cookieB: string
  // Unique per run: other suites may share the Redis server.
  const room = (name: string) => `${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`

  beforeAll(async () => {
    database = postgresTestDatabase() as TestDatabase
    const env = { ...database.env, REDIS_URL: process.env.TEST_REDIS_URL }
    a = await startServer(env)
    b = await startServer(env)
    cookieA = await login(a.http, 'user1')
    cookieB = await login(b.http, 'user2')
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await database?.cleanup()
  })

  const join = (server: RunningServer, cookie: string, query: string): RecordingClient =>
    connectClient(`${server.ws}/websocket/chatroom?${query}`, { headers: { cookie } })
  const chat = (client: RecordingClient) => client.messages as ChatMessageFrame[]

  it('delivers messages posted on either instance to members on both, in one order, none lost', async () => {
    const name = room('fanout')
    // since=0 in a new room: every member gets the whole room, however late its join completes.
    const onA = join(a, cookieA, `room=${name}&since=0`)
    const onB1 = join(b, cookieB, `room=${name}&since=0`)
    const onB2 = join(b, cookieB, `room=${name}&since=0`)
    await Promise.all([onA.opened, onB1.opened, onB2.opened])
    onA.ws.send('hello from A')
    await waitFor(() => [onA, onB1, onB2].every((c) => chat(c).length === 1), 'the first message everywhere')

    // Both instances post at once: ids interleave, and every member must still see one id order.
    for (let i = 0; i < 40; i++) {
      onA.ws.send(`a${i}`)
      onB1.ws.send(`b${i}`)
    }
    await waitFor(() => [onA, onB1, onB2].every((c) => chat(c).length === 81), 'all 81 messages everywhere', 30_000)
    const reference = chat(onA)
    expect(chat(onB1)).toEqual(reference)
    expect(chat(onB2)).toEqual(reference)
    const ids = reference.map((m) => m.id)
    expect(ids).toEqual([...ids].sort((x, y) => x - y))
    expect(new Set(ids).size).toBe(ids.length)
    // Each sender's messages keep their sending order.
    expect(reference.filter((m) => m.username === 'user1').map((m) => m.message)).toEqual([
      'hello from A',
      ...Array.from({ length: 40 }, (_, i) => `a${i}`),
    ])
    expect(reference.filter((m) => m.username === 'user2').map((m) => m.message)).toEqual(
      Array.from({ length: 40 }, (_, i) => `b${i}`),
    )
    for (const c of [onA, onB1, onB2]) c.ws.close()
  })

  it('resumes on instance B with ?since= after messages were posted on instance A', async () => {
    const name = room('resume')
    const writer = join(a, cookieA, `room=${name}`)
    const reader = join(b, cookieB, `room=${name}&since=0`)
    await Promise.all([writer.opened, reader.opened])
    writer.ws.send('seen')
    await waitFor(() => chat(reader).length === 1, 'the first message on B')
    const lastSeen = chat(reader)[0]?.id ?? -1
    reader.ws.close()
    await reader.closedPromise

    for (let i = 0; i < 10; i++) writer.ws.send(`missed ${i}`)
    await waitFor(() => chat(writer).length === 11, 'the missed messages stored')
    const back = join(b, cookieB, `room=${name}&since=${lastSeen}`)
    await waitFor(() => chat(back).length === 10, 'the backlog on B')
    writer.ws.send('live')
    await waitFor(() => chat(back).length === 11 && chat(writer).length === 12, 'the live message on A and B')
    expect(chat(back)).toEqual(chat(writer).slice(1))

    const history = join(b, cookieB, `room=${name}&history=3`)
    await waitFor(() => chat(history).length === 3, 'history on B')
    expect(chat(history).map((m) => m.message)).toEqual(['missed 8', 'missed 9', 'live'])
    for (const c of [writer, back, history]) c.ws.close()
  })
})
