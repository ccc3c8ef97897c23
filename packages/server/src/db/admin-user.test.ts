import { describe, expect, it } from 'vitest'
import { api, login, sqliteTestDatabase, startServer } from '../test-support/app-helpers.js'

describe('TETHER_ADMIN_PASSWORD outside demo mode', () => {
  it('creates the administrator, who can log in and write, while demo users cannot log in', async () => {
    const database = sqliteTestDatabase()
    const env = {
      ...database.env,
      TETHER_DEMO: '0',
      TETHER_ADMIN_USERNAME: 'root',
      TETHER_ADMIN_PASSWORD: 'a long admin secret',
    }
    let server = await startServer(env)
    try {
      const cookie = await login(server.http, 'root', 'a long admin secret')
      const me = await api(server.http, 'GET', '/api/auth/me', { cookie })
      expect(me.body).toMatchObject({ isAuthenticated: true, name: 'root', roles: ['admin'] })
      expect(
        (await api(server.http, 'POST', '/api/auth/login', { body: { username: 'user1', password: 'user1' } })).status,
      ).toBe(401)
      const created = await api(server.http, 'POST', '/api/entities/department', { cookie, body: { name: 'Ops' } })
      expect(created.status).toBe(201)
      await server.close()

      // A restart with another password resets it instead of adding a second administrator.
      server = await startServer({ ...env, TETHER_ADMIN_PASSWORD: 'another long secret' })
      await expect(login(server.http, 'root', 'a long admin secret')).rejects.toThrow(/401/)
      await login(server.http, 'root', 'another long secret')
      const admins = await api(server.http, 'GET', '/api/entities/employee?where[username][eq]=root', {
        cookie: await login(server.http, 'root', 'another long secret'),
      })
      expect(admins.body.total).toBe(1)
    } finally {
      await server.close()
      await database.cleanup()
    }
  })

  it('refuses a short admin password at start', async () => {
    const database = sqliteTestDatabase()
    try {
      await expect(startServer({ ...database.env, TETHER_ADMIN_PASSWORD: 'short' })).rejects.toThrow(
        /TETHER_ADMIN_PASSWORD/,
      )
    } finally {
      await database.cleanup()
    }
  })
})
