import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryBroker } from '../broker/index.js'
import { type Db, openDatabase } from '../db/index.js'
import { sqliteTestDatabase, type TestDatabase, testConfig } from '../test-support/app-helpers.js'
import { waitFor } from '../test-support/realtime-helpers.js'
import { type ChatMessageFrame, ChatMessageStore } from './message-store.js'
import { RoomFeeds, type RoomMember } from './room-feed.js'

/** A real store whose inserts of messages starting with "slow" take a while to report back. */
class SlowToAnswerStore extends ChatMessageStore {
  override async insert(room: string, username: string, message: string, time: number): Promise<ChatMessageFrame> {
    const frame = await super.insert(room, username, message, time)
    if (message.startsWith('slow')) await new Promise((resolve) => setTimeout(resolve, 30))
    return frame
  }
}

describe('RoomFeeds as the sole writer (no Redis)', () => {
  let database: TestDatabase
  let db: Db

  beforeAll(async () => {
    database = sqliteTestDatabase()
    db = await openDatabase(testConfig(database.env))
  })
  afterAll(async () => {
    await db?.destroy()
    await database?.cleanup()
  })

  function listen(received: ChatMessageFrame[]): RoomMember {
    return {
      cursor: 0,
      pending: null,
      send: (data) => received.push(JSON.parse(data.toString('utf8')) as ChatMessageFrame) > 0,
      overflow: () => {
        throw new Error('no member should overflow here')
      },
    }
  }

  it('hands stored messages to the feed in id order even when an earlier store answers last', async () => {
    const errors: unknown[] = []
    const store = new SlowToAnswerStore(db, 'sqlite')
    const feeds = new RoomFeeds(new MemoryBroker(), store, (_m, e) => errors.push(e), { soleWriter: true })
    const feed = await feeds.acquire('ordered')
    const received: ChatMessageFrame[] = []
    feed.members.add(listen(received))

    const texts = ['slow 1', 'fast 2', 'slow 3', 'fast 4', 'fast 5']
    const stored = await Promise.all(texts.map((text) => feeds.post('ordered', 'user1', text, Date.now())))
    await waitFor(() => received.length >= texts.length, 'every message delivered')

    expect(received.map((f) => f.message)).toEqual(texts)
    expect(received.map((f) => f.id)).toEqual(stored.map((f) => f.id))
    for (let k = 1; k < received.length; k++) expect(received[k]?.id).toBeGreaterThan(received[k - 1]?.id ?? 0)
    // Delivered straight from the insert: the same frames the database holds.
    expect(await store.after('ordered', 0)).toEqual(received)
    expect(errors).toEqual([])
    feeds.release('ordered')
  })

  it('sends each message once, as the same bytes to every member', async () => {
    const feeds = new RoomFeeds(new MemoryBroker(), new ChatMessageStore(db, 'sqlite'), () => {}, { soleWriter: true })
    const feed = await feeds.acquire('shared')
    const sent: Buffer[][] = [[], [], []]
    for (const out of sent) {
      feed.members.add({ ...listen([]), send: (data) => out.push(data) > 0 })
    }
    await feeds.post('shared', 'user2', 'héllo', Date.now())
    await waitFor(() => sent.every((out) => out.length === 1), 'the message at every member')
    const [first] = sent[0] ?? []
    expect(JSON.parse(first?.toString('utf8') ?? '')).toMatchObject({ username: 'user2', message: 'héllo' })
    for (const out of sent) expect(out[0]).toBe(first)
    feeds.release('shared')
  })

  it('overflows a joining member once more than joinBufferMax live messages wait for it', async () => {
    const feeds = new RoomFeeds(new MemoryBroker(), new ChatMessageStore(db, 'sqlite'), () => {}, {
      soleWriter: true,
      joinBufferMax: 2,
    })
    const feed = await feeds.acquire('joining')
    let overflows = 0
    const joining: RoomMember = {
      ...listen([]),
      pending: [],
      overflow: () => {
        overflows++
        feed.members.delete(joining)
      },
    }
    const joined: ChatMessageFrame[] = []
    feed.members.add(joining)
    feed.members.add(listen(joined))
    for (const text of ['one', 'two']) await feeds.post('joining', 'user1', text, Date.now())
    await waitFor(() => joined.length === 2, 'two messages at the joined member')
    expect(overflows).toBe(0)
    expect(joining.pending?.map((f) => f.message)).toEqual(['one', 'two'])
    await feeds.post('joining', 'user1', 'three', Date.now())
    await waitFor(() => joined.length === 3, 'the third message')
    expect(overflows).toBe(1)
    expect(feed.members.has(joining)).toBe(false)
    feeds.release('joining')
  })
})
