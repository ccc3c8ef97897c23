import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  api,
  login,
  postgresTestDatabase,
  type RunningServer,
  startServer,
  type TestDatabase,
  useTestServer,
} from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import { sessionIdOf } from './session-store.js'

// Finding 2 of issue 12: a socket must not outlive its session. Ending a session closes its chat and
// proxy sockets (any authenticated socket) with 4401.

const open: RecordingClient[] = []
function connect(server: RunningServer, path: string, cookie: string): RecordingClient {
  const client = connectClient(`${server.ws}${path}`, { headers: { cookie } })
  open.push(client)
  return client
}
const chat = (server: RunningServer, cookie: string, room: string) =>
  connect(server, `/websocket/chatroom?room=${room}`, cookie)
const proxied = (server: RunningServer, cookie: string) =>
  connect(server, `/api/proxy?url=${encodeURIComponent(`${server.ws}/websocket/echo`)}`, cookie)

/** Waits until `client` echoes or posts, proving it is served, not merely open. */
async function served(client: RecordingClient, text: string): Promise<void> {
  await client.opened
  const before = client.messages.length
  client.ws.send(text)
  await waitFor(() => client.messages.length > before, `a reply to ${text}`)
}

const JSON_TYPE = { 'content-type': 'application/json' }
const tokenOf = (cookie: string) => decodeURIComponent(cookie.split('=')[1] ?? '').replace(/\.[^.]*$/, '')

afterAll(() => {
  for (const client of open) client.ws.close()
})

describe('ending a session closes its WebSockets', () => {
  const server = useTestServer({ env: { SESSION_MAX_PER_USER: '2', SESSION_CHECK_INTERVAL_MS: '100' } })

  it('logout closes that session’s chat and proxy sockets with 4401, and no one else’s', async () => {
    const mine = await login(server.http, 'user3')
    const myOtherSession = await login(server.http, 'user3')
    const someoneElse = await login(server.http, 'user2')
    const myChat = chat(server, mine, 'logout')
    const myProxy = proxied(server, mine)
    const otherTab = chat(server, myOtherSession, 'logout')
    const theirs = chat(server, someoneElse, 'logout')
    // A stream open to anyone (no session needed) is not the session's: signing out leaves it alone.
    const myEcho = connect(server, '/websocket/echo', mine)
    await served(myEcho, 'echo')
    await served(myChat, 'before logout')
    await served(myProxy, 'echo before logout')
    await served(otherTab, 'other tab')
    await served(theirs, 'someone else')

    expect((await api(server.http, 'POST', '/api/auth/logout', { cookie: mine, headers: JSON_TYPE })).status).toBe(200)
    expect(await myChat.closedPromise).toEqual({ code: 4401, reason: 'Your session ended: log in again' })
    expect((await myProxy.closedPromise).code).toBe(4401)
    await served(otherTab, 'still here')
    await served(theirs, 'still here too')
    await served(myEcho, 'echo after logout')
  })

  it('eviction by SESSION_MAX_PER_USER closes the evicted session’s sockets', async () => {
    const oldest = await login(server.http, 'admin')
    await login(server.http, 'admin')
    const socket = chat(server, oldest, 'evict')
    await served(socket, 'before eviction')
    await login(server.http, 'admin') // the third: ends `oldest`
    expect((await socket.closedPromise).code).toBe(4401)
  })

  it('an expired session’s sockets close within SESSION_CHECK_INTERVAL_MS', async () => {
    const cookie = await login(server.http, 'user1')
    const socket = chat(server, cookie, 'expiry')
    const relayed = proxied(server, cookie)
    await served(socket, 'before expiry')
    await served(relayed, 'echo before expiry')
    // Expire it in the database, as time would.
    await server.app.db
      .updateTable('session')
      .set({ expires_at: Date.now() - 1 })
      .where('id', '=', sessionIdOf(tokenOf(cookie)))
      .execute()
    expect((await socket.closedPromise).code).toBe(4401)
    expect((await relayed.closedPromise).code).toBe(4401)
  })
})

const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL)
if (!enabled) skipNotice('session revocation across two instances', 'TEST_DATABASE_URL and TEST_REDIS_URL')

describe.skipIf(!enabled)('ending a session closes its WebSockets on every instance (PostgreSQL + Redis)', () => {
  let database: TestDatabase
  let a: RunningServer
  let b: RunningServer

  beforeAll(async () => {
    database = postgresTestDatabase() as TestDatabase
    // A long check interval: only the Redis announcement can close the socket on the other instance in time.
    const env = { ...database.env, REDIS_URL: process.env.TEST_REDIS_URL, SESSION_CHECK_INTERVAL_MS: '3600000' }
    a = await startServer(env)
    b = await startServer(env)
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
    await database?.cleanup()
  })

  it('logout on one instance closes the session’s sockets on the other', async () => {
    const cookie = await login(a.http, 'user3')
    const other = await login(a.http, 'user2')
    const onB = chat(b, cookie, `scale-${process.pid}`)
    const proxyOnB = proxied(b, cookie)
    const otherOnB = chat(b, other, `scale-${process.pid}`)
    await served(onB, 'on b')
    await served(proxyOnB, 'echo on b')
    await served(otherOnB, 'other on b')
    expect((await api(a.http, 'POST', '/api/auth/logout', { cookie, headers: JSON_TYPE })).status).toBe(200)
    expect((await onB.closedPromise).code).toBe(4401)
    expect((await proxyOnB.closedPromise).code).toBe(4401)
    await served(otherOnB, 'still on b')
  })
})
