import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  type RunningServer,
  startServer,
  type TestDatabase,
  testDatabases,
} from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'
import type { ChatMessageFrame } from './message-store.js'

// Without REDIS_URL a stored message goes straight from the insert to the room's feed, skipping the
// read-back; these floods check that shortcut loses, repeats and reorders nothing, on every database.
const POSTERS = ['user1', 'user2', 'user3', 'user1']
const PER_POSTER = 60

for (const makeDatabase of testDatabases()) {
  const database: TestDatabase = makeDatabase()

  describe(`chat flood on ${database.name}`, () => {
    let server: RunningServer
    const cookies: Record<string, string> = {}

    beforeAll(async () => {
      server = await startServer(database.env)
      for (const user of ['user1', 'user2', 'user3']) cookies[user] = await login(server.http, user)
    })
    afterAll(async () => {
      await server?.close()
      await database.cleanup()
    })

    const join = (user: string, query: string): RecordingClient =>
      connectClient(`${server.ws}/websocket/chatroom?${query}`, { headers: { cookie: cookies[user] ?? '' } })
    const chat = (client: RecordingClient) => client.messages as ChatMessageFrame[]

    it('gets every message of concurrent posters to every member once, ids strictly increasing', async () => {
      const room = `flood-${Math.random().toString(36).slice(2, 10)}`
      const members = POSTERS.map((user) => join(user, `room=${room}`))
      await Promise.all(members.map((m) => m.opened))
      // Joined once each member's own probe came back; then it receives everything posted later.
      for (const [i, member] of members.entries()) member.ws.send(`probe ${i}`)
      await waitFor(
        () => members.every((m, i) => chat(m).some((c) => c.message === `probe ${i}`)),
        'every member to join',
      )
      const probes = Math.max(...members.flatMap((m) => chat(m).map((c) => c.id)))

      // Everyone floods at once; a late member joins in the middle, resuming after the probes.
      let late: RecordingClient | null = null
      for (let n = 0; n < PER_POSTER; n++) {
        for (const [i, member] of members.entries()) member.ws.send(`flood ${i}.${n}`)
        if (n === PER_POSTER / 2) late = join('user2', `room=${room}&since=${probes}`)
      }
      if (late) members.push(late)
      const total = POSTERS.length * PER_POSTER
      const flood = (m: RecordingClient) => chat(m).filter((c) => c.id > probes)
      await waitFor(() => members.every((m) => flood(m).length >= total), 'every message at every member', 30_000)

      const first = flood(members[0] as RecordingClient)
      expect(first).toHaveLength(total)
      for (let k = 1; k < first.length; k++) expect(first[k]?.id).toBeGreaterThan(first[k - 1]?.id ?? 0)
      const sent = POSTERS.flatMap((_, i) => Array.from({ length: PER_POSTER }, (_, n) => `flood ${i}.${n}`))
      expect(first.map((c) => c.message).sort()).toEqual(sent.sort())
      // Each poster's own messages arrive in the order it sent them.
      for (const i of POSTERS.keys()) {
        const own = first.filter((c) => c.message.startsWith(`flood ${i}.`)).map((c) => c.message)
        expect(own).toEqual(Array.from({ length: PER_POSTER }, (_, n) => `flood ${i}.${n}`))
      }
      for (const member of members) expect(flood(member)).toEqual(first)
      for (const member of members) member.ws.close()
    })
  })
}
