import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  api,
  login,
  type RunningServer,
  startServer,
  type TestDatabase,
  testDatabases,
} from '../test-support/app-helpers.js'
import { skipNotice } from '../test-support/realtime-helpers.js'

if (!process.env.TEST_DATABASE_URL) skipNotice('session cap on PostgreSQL', 'TEST_DATABASE_URL')

// SESSION_MAX_PER_USER: a login beyond the cap ends that user's oldest session, on every database.
for (const makeDatabase of testDatabases()) {
  const database: TestDatabase = makeDatabase()

  describe(`SESSION_MAX_PER_USER on ${database.name}`, () => {
    let server: RunningServer

    beforeAll(async () => {
      server = await startServer({ ...database.env, SESSION_MAX_PER_USER: '2' })
    })
    afterAll(async () => {
      await server?.close()
      await database.cleanup()
    })

    const who = async (cookie: string) => (await api(server.http, 'GET', '/api/auth/me', { cookie })).body.name
    const sessionsOf = async (username: string) =>
      server.app.db
        .selectFrom('session')
        .innerJoin('employee', 'employee.emp_id', 'session.emp_id')
        .select('session.id')
        .where('employee.username', '=', username)
        .execute()

    it('ends the oldest session of that user only', async () => {
      const other = await login(server.http, 'user2')
      const first = await login(server.http, 'user1')
      const second = await login(server.http, 'user1')
      expect(await who(first)).toBe('user1')
      expect(await who(second)).toBe('user1')

      const third = await login(server.http, 'user1')
      expect(await who(first)).toBeNull()
      expect(await who(second)).toBe('user1')
      expect(await who(third)).toBe('user1')
      expect(await who(other)).toBe('user2')
      expect(await sessionsOf('user1')).toHaveLength(2)

      // Many more logins: still two sessions, always the newest two.
      const cookies: string[] = []
      for (let i = 0; i < 4; i++) cookies.push(await login(server.http, 'user1'))
      expect(await sessionsOf('user1')).toHaveLength(2)
      expect(await who(third)).toBeNull()
      expect(await Promise.all(cookies.map(who))).toEqual([null, null, 'user1', 'user1'])
      expect(await who(other)).toBe('user2')
      expect(await sessionsOf('user2')).toHaveLength(1)
    })
  })
}
