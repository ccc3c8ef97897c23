import { afterAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../security/index.js'
import { type TestDatabase, testConfig, testDatabases } from '../test-support/app-helpers.js'
import { skipNotice } from '../test-support/realtime-helpers.js'
import { DEMO_USERNAMES, openDatabase, sampleDepartments, sampleEmployees } from './index.js'

if (!process.env.TEST_DATABASE_URL) skipNotice('database on PostgreSQL', 'TEST_DATABASE_URL')

// One suite, run against every database: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
for (const makeDatabase of testDatabases()) {
  const database: TestDatabase = makeDatabase()

  describe(`database on ${database.name}`, () => {
    afterAll(() => database.cleanup())

    it('migrates and seeds the sample hrdb once, with demo users only in demo mode', async () => {
      const withoutDemo = await openDatabase(testConfig({ ...database.env, TETHER_DEMO: '0' }))
      try {
        const employees = await withoutDemo.selectFrom('employee').selectAll().execute()
        expect(employees).toHaveLength(sampleEmployees.length)
        expect(employees.some((e) => DEMO_USERNAMES.includes(e.username ?? ''))).toBe(false)
        expect(employees.every((e) => e.password_hash === null)).toBe(true)
        expect(await withoutDemo.selectFrom('department').selectAll().execute()).toHaveLength(sampleDepartments.length)
        const chris = employees.find((e) => e.username === 'chris')!
        const eric = employees.find((e) => e.username === 'eric')!
        expect(chris.manager_id).toBe(eric.emp_id)
      } finally {
        await withoutDemo.destroy()
      }

      // Reopening in demo mode runs no migration twice and adds the four demo users.
      const demo = await openDatabase(testConfig({ ...database.env, TETHER_DEMO: '1' }))
      try {
        const employees = await demo.selectFrom('employee').selectAll().execute()
        expect(employees).toHaveLength(sampleEmployees.length + 4)
        const admin = employees.find((e) => e.username === 'admin')!
        expect(admin.role).toBe('admin')
        expect(await verifyPassword('admin', admin.password_hash)).toBe(true)
        expect(employees.filter((e) => e.role === 'admin')).toHaveLength(1)
      } finally {
        await demo.destroy()
      }

      // Leaving demo mode takes the well-known passwords away.
      const production = await openDatabase(testConfig({ ...database.env, TETHER_DEMO: '0' }))
      try {
        const demoUsers = await production
          .selectFrom('employee')
          .selectAll()
          .where('username', 'in', DEMO_USERNAMES)
          .execute()
        expect(demoUsers).toHaveLength(4)
        expect(demoUsers.every((e) => e.password_hash === null)).toBe(true)
      } finally {
        await production.destroy()
      }
    })

    it('stores chat messages with increasing ids and epoch-millisecond times as numbers', async () => {
      const db = await openDatabase(testConfig(database.env))
      try {
        const time = 1_513_152_655_902
        const first = await db
          .insertInto('chat_message')
          .values({ room: 'general', username: 'user1', message: 'hello', time })
          .returning('id')
          .executeTakeFirstOrThrow()
        await db.deleteFrom('chat_message').where('id', '=', first.id).execute()
        const second = await db
          .insertInto('chat_message')
          .values({ room: 'general', username: 'user2', message: 'hi', time: time + 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
        // Ids are never reused, even after a delete: `?since=<id>` resume depends on it.
        expect(second.id).toBeGreaterThan(first.id)
        const row = await db
          .selectFrom('chat_message')
          .selectAll()
          .where('id', '=', second.id)
          .executeTakeFirstOrThrow()
        expect(row).toEqual({ id: second.id, room: 'general', username: 'user2', message: 'hi', time: time + 1 })
        expect(typeof row.id).toBe('number')
        const count = await db
          .selectFrom('chat_message')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        expect(count.n).toBe(1)
      } finally {
        await db.destroy()
      }
    })
  })
}
