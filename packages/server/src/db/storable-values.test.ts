import { beforeAll, describe, expect, it } from 'vitest'
import { api, login, type TestDatabase, testDatabases, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, skipNotice, waitFor } from '../test-support/realtime-helpers.js'

// Input that SQLite would store and PostgreSQL refuses (a 500 there) must get the same 400 on both.
if (!process.env.TEST_DATABASE_URL) skipNotice('storable values on PostgreSQL', 'TEST_DATABASE_URL')

const TOO_BIG = '9999999999'

for (const makeDatabase of testDatabases()) {
  const database: TestDatabase = makeDatabase()

  describe(`values the columns cannot hold, on ${database.name}`, () => {
    const server = useTestServer({ database })
    let admin: string

    beforeAll(async () => {
      admin = await login(server.http, 'admin')
    })

    const expectRefused = (answer: { status: number; body: { code: string } }, what: string) => {
      expect(answer.status, what).toBe(400)
      expect(answer.body.code, what).toBe('TETHER_VALIDATION_FAILED')
    }

    it('refuses integers beyond 32 bits in filters and ids', async () => {
      const get = (path: string) => api(server.http, 'GET', path, { cookie: admin })
      for (const query of [
        `where[empId][eq]=${TOO_BIG}`,
        `where[deptId][gt]=-${TOO_BIG}`,
        `where[managerId][in]=1,${TOO_BIG}`,
        'where[empId]=2147483648',
      ]) {
        expectRefused(await get(`/api/entities/employee?${query}`), query)
      }
      expect((await get('/api/entities/employee?where[empId][eq]=2147483647')).status).toBe(200)
      expectRefused(await get(`/api/entities/employee/9${TOO_BIG}`), 'GET by id')
      expectRefused(
        await api(server.http, 'PATCH', `/api/entities/department/${TOO_BIG}`, { cookie: admin, body: {} }),
        'PATCH by id',
      )
      expectRefused(await api(server.http, 'DELETE', `/api/entities/employee/${TOO_BIG}`, { cookie: admin }), 'DELETE')
      expect((await get('/api/entities/employee/2147483647')).status).toBe(404)
    })

    it('refuses NUL characters in filters, entity writes and the login body', async () => {
      const get = (path: string) => api(server.http, 'GET', path, { cookie: admin })
      expectRefused(await get('/api/entities/employee?where[firstname][contains]=a%00b'), 'contains')
      expectRefused(await get('/api/entities/employee?where[city][eq]=%00'), 'eq')
      expectRefused(await get('/api/entities/department?where[name][in]=x,%00'), 'in')
      const created = await api(server.http, 'POST', '/api/entities/department', {
        cookie: admin,
        body: { name: 'Sales\u0000' },
      })
      expectRefused(created, 'POST')
      expect(created.body.details).toEqual([{ path: 'body.name', message: expect.stringMatching(/NUL/) }])
      const patched = await api(server.http, 'PATCH', '/api/entities/employee/1', {
        cookie: admin,
        body: { city: 'Bo\u0000ston' },
      })
      expectRefused(patched, 'PATCH')
      const loginAnswer = await api(server.http, 'POST', '/api/auth/login', {
        body: { username: 'user1\u0000', password: 'user1' },
      })
      expectRefused(loginAnswer, 'login')
      // Nothing was half-written.
      expect((await get('/api/entities/employee/1')).body.city).not.toContain('\u0000')
    })

    it('closes a chat connection that sends a NUL character with 1008, not 1011, and stores the rest', async () => {
      const cookie = await login(server.http, 'user2')
      const room = `nul-${database.name}`
      const sender = connectClient(`${server.ws}/websocket/chatroom?room=${room}`, { headers: { cookie } })
      await sender.opened
      sender.ws.send('before')
      await waitFor(() => sender.messages.length === 1, 'the first message to come back')
      sender.ws.send('a\u0000b')
      const closed = await sender.closedPromise
      // 1008 tells a client not to reconnect and send it again (1011 said it should, forever).
      expect(closed.code).toBe(1008)
      expect(closed.reason).toMatch(/NUL/)

      const reader = connectClient(`${server.ws}/websocket/chatroom?room=${room}&history=10`, { headers: { cookie } })
      await reader.opened
      reader.ws.send('after')
      await waitFor(() => reader.messages.length === 2, 'history and the new message')
      expect(reader.messages.map((m) => (m as { message: string }).message)).toEqual(['before', 'after'])
      reader.ws.close()
    })
  })
}
