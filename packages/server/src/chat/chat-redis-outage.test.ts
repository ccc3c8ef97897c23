import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  postgresTestDatabase,
  type RunningServer,
  startServer,
  type TestDatabase,
} from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import { redisServerAvailable, startTestRedis, type TestRedis } from '../test-support/redis-server.js'
import type { ChatMessageFrame } from './message-store.js'

// A Redis of the test's own (started, killed and restarted here); the database is PostgreSQL, which
// both instances share.
const enabled = Boolean(process.env.TEST_DATABASE_URL) && redisServerAvailable
if (!enabled) skipNotice('chat during a Redis outage (needs redis-server)', 'TEST_DATABASE_URL')

describe.skipIf(!enabled)('chat during a Redis outage', () => {
  let database: TestDatabase
  let redis: TestRedis
  let a: RunningServer
  let b: RunningServer
  let cookieA: string
  let cookieB: string

  beforeAll(async () => {
    database = postgresTestDatabase() as TestDatabase
    // Redis is dead when the servers start.
    redis = await startTestRedis({ running: false })
    // The bursts below are far over the default per-connection rate; this suite is about Redis.
    const env = { ...database.env, REDIS_URL: redis.url, CHAT_RATE_PER_SECOND: '100000', CHAT_RATE_BURST: '100000' }
    a = await startServer(env)
    b = await startServer(env)
    cookieA = await login(a.http, 'user1')
    cookieB = await login(b.http, 'user2')
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await redis?.kill()
    await database?.cleanup()
  })

  const join = (server: RunningServer, cookie: string, query: string): RecordingClient =>
    connectClient(`${server.ws}/websocket/chatroom?${query}`, { headers: { cookie } })
  const chat = (client: RecordingClient) => client.messages as ChatMessageFrame[]
  const texts = (client: RecordingClient) => chat(client).map((m) => m.message)

  it('joins and delivers locally with Redis dead at start; the other instance catches up when it comes', async () => {
    const first = join(a, cookieA, 'room=dead-at-start&since=0')
    const second = join(a, cookieA, 'room=dead-at-start&since=0')
    const elsewhere = join(b, cookieB, 'room=dead-at-start&since=0')
    await Promise.all([first.opened, second.opened, elsewhere.opened])
    first.ws.send('one')
    second.ws.send('two')
    await waitFor(() => texts(first).length === 2 && texts(second).length === 2, 'local delivery on A')
    expect(texts(second)).toEqual(texts(first))
    expect(first.closed).toBeNull()

    await redis.start()
    await waitFor(() => texts(elsewhere).length === 2, 'B to catch up once Redis is back', 20_000)
    expect(chat(elsewhere)).toEqual(chat(first))
    for (const c of [first, second, elsewhere]) c.ws.close()
  }, 60_000)

  it('stores and delivers locally every post while Redis is killed, and catches the other instance up after', async () => {
    await redis.start()
    const writer = join(a, cookieA, 'room=killed&since=0')
    const reader = join(a, cookieA, 'room=killed&since=0')
    const remote = join(b, cookieB, 'room=killed&since=0')
    await Promise.all([writer.opened, reader.opened, remote.opened])
    writer.ws.send('before')
    await waitFor(() => [writer, reader, remote].every((c) => texts(c).length === 1), 'the first message everywhere')

    await redis.kill()
    // In bursts below CHAT_PENDING_POSTS_MAX (100), each sent once the previous one came back.
    const count = 300
    for (let burst = 0; burst < count / 60; burst++) {
      for (let i = burst * 60; i < (burst + 1) * 60; i++) writer.ws.send(`during ${i}`)
      await waitFor(() => texts(writer).length === (burst + 1) * 60 + 1, `burst ${burst} back`, 30_000)
    }
    // A member joining during the outage gets in and gets the backlog.
    const late = join(a, cookieA, 'room=killed&since=0')
    await waitFor(
      () => [writer, reader, late].every((c) => texts(c).length === count + 1),
      'every post stored and delivered on A',
      30_000,
    )
    const expected = ['before', ...Array.from({ length: count }, (_, i) => `during ${i}`)]
    for (const c of [writer, reader, late]) {
      expect(texts(c)).toEqual(expected)
      expect(c.closed).toBeNull()
    }

    await redis.start()
    await waitFor(() => texts(remote).length === count + 1, 'B to catch up after Redis returns', 20_000)
    expect(chat(remote)).toEqual(chat(writer))
    // And the doorbell works again both ways.
    remote.ws.send('after')
    await waitFor(() => texts(writer).at(-1) === 'after', 'a post on B to reach A')
    for (const c of [writer, reader, late, remote]) c.ws.close()
  }, 90_000)
})
