import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { closeWithin } from '../shutdown.js'
import { api, login, postgresTestDatabase, startServer, testConfig } from '../test-support/app-helpers.js'
import { startFrozenTcpProxy } from '../test-support/frozen-tcp-proxy.js'
import { skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import { openDatabase } from './index.js'

describe('a PostgreSQL that accepts TCP and never answers', () => {
  it('fails the start with an error naming the database and the timeout, not a hang', async () => {
    const silent = await startFrozenTcpProxy(null)
    try {
      const opening = openDatabase(
        testConfig({
          DATABASE_URL: `postgres://postgres:secret-password@127.0.0.1:${silent.port}/test`,
          DATABASE_CONNECT_TIMEOUT_MS: '300',
          TETHER_DEMO: '0',
        }),
      )
      const error: Error = await opening.then(
        () => new Error('opened'),
        (e: Error) => e,
      )
      expect(error.message).toMatch(
        new RegExp(
          `^Could not open PostgreSQL at 127\\.0\\.0\\.1:${silent.port}/test: .*DATABASE_CONNECT_TIMEOUT_MS=300`,
        ),
      )
      expect(error.message).not.toContain('secret-password')
    } finally {
      await silent.close()
    }
  })
})

const database = postgresTestDatabase()
if (!database) skipNotice('PostgreSQL timeouts', 'TEST_DATABASE_URL')

describe.skipIf(!database)('PostgreSQL timeouts on a real database', () => {
  afterAll(() => database?.cleanup())

  it('cancels a statement over DATABASE_STATEMENT_TIMEOUT_MS', async () => {
    const db = await openDatabase(testConfig({ ...database!.env, DATABASE_STATEMENT_TIMEOUT_MS: '200' }))
    try {
      const error = await sql`select pg_sleep(30)`.execute(db).then(
        () => null,
        (e: { code?: string }) => e,
      )
      expect(error?.code).toBe('57014') // query_canceled
    } finally {
      await db.destroy()
    }
  })

  async function startBehindProxy(statementTimeoutMs: number) {
    const target = new URL(process.env.TEST_DATABASE_URL!)
    const proxy = await startFrozenTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    target.host = `127.0.0.1:${proxy.port}`
    const requests = { received: 0 }
    const server = await startServer(
      {
        ...database!.env,
        DATABASE_URL: target.toString(),
        DATABASE_CONNECT_TIMEOUT_MS: '300',
        DATABASE_STATEMENT_TIMEOUT_MS: String(statementTimeoutMs),
      },
      (app) => {
        app.addHook('onRequest', async () => {
          requests.received++
        })
      },
    )
    const cookie = await login(server.http, 'admin', 'admin')
    const stop = async () => {
      proxy.thaw()
      await server.close().catch(() => {})
      await proxy.close()
    }
    return { proxy, server, cookie, stop, requests }
  }

  it('answers 503 TETHER_DATABASE_UNAVAILABLE while the database is frozen', async () => {
    const { proxy, server, cookie, stop } = await startBehindProxy(300)
    try {
      proxy.freeze()
      const answer = await api(server.http, 'GET', '/api/entities/employee', { cookie })
      expect(answer.status).toBe(503)
      expect(answer.body.code).toBe('TETHER_DATABASE_UNAVAILABLE')
    } finally {
      await stop()
    }
  })

  it('stops waiting for a shutdown after SHUTDOWN_TIMEOUT_MS while a request hangs on the database', async () => {
    const { proxy, server, cookie, stop, requests } = await startBehindProxy(60_000)
    try {
      proxy.freeze()
      const before = requests.received
      const hanging = api(server.http, 'GET', '/api/entities/employee', { cookie }).catch(() => null)
      // Closing waits for requests in flight, and this one waits for the frozen database.
      await waitFor(() => requests.received > before, 'the request to reach the server')
      expect(await closeWithin(server.app, 300)).toBe('timed out')
      proxy.thaw()
      // Once the database answers, the request finishes and its connection closes, so the close does too.
      expect((await hanging)?.status).toBe(200)
      await server.app.close()
    } finally {
      await stop()
    }
  })
})
