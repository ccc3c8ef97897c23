import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../db/index.js'
import {
  login,
  type RunningServer,
  startServer,
  type TestDatabase,
  testConfig,
  testDatabases,
} from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import { type ChatMessageFrame, ChatMessageStore } from './message-store.js'
import { ChatRetention } from './retention.js'

if (!process.env.TEST_DATABASE_URL) skipNotice('chat retention on PostgreSQL', 'TEST_DATABASE_URL')

const rooms = (db: Db, room: string) =>
  db.selectFrom('chat_message').select('id').where('room', '=', room).orderBy('id', 'asc').execute()

for (const makeDatabase of testDatabases()) {
  const database: TestDatabase = makeDatabase()

  describe(`chat retention on ${database.name}`, () => {
    let db: Db
    let store: ChatMessageStore

    beforeAll(async () => {
      const config = testConfig(database.env)
      db = await openDatabase(config)
      store = new ChatMessageStore(db, config.database.dialect)
    })
    afterAll(async () => {
      await db?.destroy()
      await database.cleanup()
    })

    async function fill(room: string, count: number): Promise<number[]> {
      const ids: number[] = []
      for (let i = 1; i <= count; i++) ids.push((await store.insert(room, 'user1', `m${i}`, i)).id)
      return ids
    }

    it('keeps the newest N of a room and touches no other room', async () => {
      const ids = await fill('keep-a', 12)
      const other = await fill('keep-b', 3)
      expect(await store.prune('keep-a', 5)).toBe(7)
      expect((await rooms(db, 'keep-a')).map((r) => Number(r.id))).toEqual(ids.slice(-5))
      expect((await rooms(db, 'keep-b')).map((r) => Number(r.id))).toEqual(other)
      // Fewer messages than kept, or exactly as many: nothing goes.
      expect(await store.prune('keep-a', 5)).toBe(0)
      expect(await store.prune('keep-b', 10)).toBe(0)
      expect(await store.prune('keep-b', 3)).toBe(0)
      expect(await store.prune('nobody-here', 1)).toBe(0)
      expect(await store.prune('keep-b', 1)).toBe(2)
      expect((await rooms(db, 'keep-b')).map((r) => Number(r.id))).toEqual(other.slice(-1))
      await expect(store.prune('keep-b', 0)).rejects.toThrow(RangeError)
    })

    it('never deletes a retained message from under a reader paging through it', async () => {
      const keep = 10
      const ids = await fill('paging', 30)
      await store.prune('paging', keep)
      // A resume from inside the window, while messages keep coming and the room keeps being pruned.
      const since = ids[19] ?? 0
      const got: number[] = []
      let cursor = since
      for (let round = 0; round < 20; round++) {
        const page = await store.after('paging', cursor, 3)
        got.push(...page.map((m) => m.id))
        cursor = page.at(-1)?.id ?? cursor
        await fill('paging', 2)
        await store.prune('paging', keep)
      }
      for (;;) {
        const page = await store.after('paging', cursor, 3)
        if (page.length === 0) break
        got.push(...page.map((m) => m.id))
        cursor = page.at(-1)?.id ?? cursor
      }
      const all = (await rooms(db, 'paging')).map((r) => Number(r.id))
      // Everything after `since` arrived once, in order: ids of one room increase but need not be adjacent.
      expect(got.length).toBe(10 + 20 * 2)
      for (let k = 1; k < got.length; k++) expect(got[k]).toBeGreaterThan(got[k - 1] ?? 0)
      expect(got.at(-1)).toBe(all.at(-1))
      expect(all).toHaveLength(keep)
    })

    it('keeps the newest CHAT_RETENTION_TOTAL_MESSAGES of all rooms together', async () => {
      const a = await fill('total-a', 3)
      const b = await fill('total-b', 3)
      const retention = new ChatRetention(store, 0, () => {}, 4)
      expect(retention.enabled).toBe(true)
      retention.prune('total-b')
      await retention.idle()
      const left = await db.selectFrom('chat_message').select('id').orderBy('id', 'asc').execute()
      expect(left.map((r) => Number(r.id))).toEqual([...a, ...b].slice(-4))
    })

    it('ChatRetention prunes in the background and reports failures instead of throwing', async () => {
      const errors: unknown[] = []
      const retention = new ChatRetention(store, 4, (_message, error) => errors.push(error))
      expect(retention.every).toBe(1)
      const ids = await fill('background', 9)
      retention.prune('background')
      retention.prune('background') // folded into the running one
      await retention.idle()
      expect((await rooms(db, 'background')).map((r) => Number(r.id))).toEqual(ids.slice(-4))
      expect(new ChatRetention(store, 10_000, () => {}).every).toBe(1000)
      expect(new ChatRetention(store, 50_000, () => {}).every).toBe(1000)
      const off = new ChatRetention(store, 0, () => {})
      expect(off.enabled).toBe(false)
      off.prune('background')
      await off.idle()
      expect(await rooms(db, 'background')).toHaveLength(4)

      const failing = new ChatRetention(
        { prune: () => Promise.reject(new Error('database gone')) } as unknown as ChatMessageStore,
        4,
        (_message, error) => errors.push(error),
      )
      failing.prune('background')
      await failing.idle()
      expect(errors).toEqual([new Error('database gone')])
    })
  })

  describe(`CHAT_RETENTION_MESSAGES over sockets on ${database.name}`, () => {
    const db2 = makeDatabase()
    let server: RunningServer
    let cookie = ''

    beforeAll(async () => {
      server = await startServer({ ...db2.env, CHAT_RETENTION_MESSAGES: '5' })
      cookie = await login(server.http, 'user1')
    })
    afterAll(async () => {
      await server?.close()
      await db2.cleanup()
    })

    const join = (query: string): RecordingClient =>
      connectClient(`${server.ws}/websocket/chatroom?${query}`, { headers: { cookie } })
    const chat = (client: RecordingClient) => client.messages as ChatMessageFrame[]

    it('keeps the newest messages of a room; a ?since= older than the window gets what is retained', async () => {
      const writer = join('room=retained')
      await writer.opened
      for (let i = 1; i <= 12; i++) {
        writer.ws.send(`m${i}`)
        await waitFor(() => chat(writer).length === i, `message ${i} stored`)
      }
      const sent = chat(writer)
      const newest = sent.slice(-5).map((m) => m.id)
      await waitFor(async () => (await rooms(server.app.db, 'retained')).length === 5, 'the room to be pruned to 5')
      expect((await rooms(server.app.db, 'retained')).map((r) => Number(r.id))).toEqual(newest)

      // Resuming from before the window: the retained messages, in order, then the live stream.
      const old = join(`room=retained&since=${sent[0]?.id}`)
      await old.opened
      old.ws.send('live')
      await waitFor(() => chat(old).some((m) => m.message === 'live'), 'the live message')
      expect(chat(old).map((m) => m.message)).toEqual(['m8', 'm9', 'm10', 'm11', 'm12', 'live'])

      // Resuming from inside the window: exactly what came after.
      const recent = join(`room=retained&since=${sent[9]?.id}`)
      await recent.opened
      recent.ws.send('live 2')
      await waitFor(() => chat(recent).some((m) => m.message === 'live 2'), 'the second live message')
      expect(chat(recent).map((m) => m.message)).toEqual(['m11', 'm12', 'live', 'live 2'])
      for (const client of [writer, old, recent]) client.ws.close()
    })

    it('prunes a room posted to while nobody was here, when its first member joins', async () => {
      const store = new ChatMessageStore(server.app.db, server.config.database.dialect)
      for (let i = 1; i <= 8; i++) await store.insert('quiet', 'user2', `q${i}`, i)
      const member = join('room=quiet&history=3')
      await member.opened
      await waitFor(async () => (await rooms(server.app.db, 'quiet')).length === 5, 'the quiet room to be pruned')
      await waitFor(() => chat(member).length === 3, 'the history')
      expect(chat(member).map((m) => m.message)).toEqual(['q6', 'q7', 'q8'])
      member.ws.close()
    })
  })
}
