import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, login, type RunningServer, startServer, useTestServer } from '../test-support/app-helpers.js'
import { freePort } from '../test-support/free-port.js'
import { connectClient, skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import { redisServerAvailable, startTestRedis, type TestRedis } from '../test-support/redis-server.js'
import { routeLabel } from './metrics.js'

const TOKEN = 'metrics-token-0123456789'

describe('/healthz, /readyz and /metrics with METRICS_TOKEN', () => {
  const server = useTestServer({ env: { METRICS_TOKEN: TOKEN } })
  const scrape = async () => {
    const answer = await api(server.http, 'GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(answer.status).toBe(200)
    return String(answer.body)
  }

  it('answers /healthz and /readyz with the database reachable', async () => {
    expect(await api(server.http, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } })
    const ready = await api(server.http, 'GET', '/readyz')
    expect(ready.status).toBe(200)
    expect(ready.body).toMatchObject({ status: 'ready', checks: { database: { ok: true } } })
  })

  it('serves /metrics only with the bearer token', async () => {
    expect((await api(server.http, 'GET', '/metrics')).body.code).toBe('TETHER_UNAUTHENTICATED')
    const wrong = await api(server.http, 'GET', '/metrics', { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    expect(await scrape()).toContain('# TYPE tether_websocket_connections gauge')
  })

  it('counts connections by route, chat messages in and out, refused logins, database and event-loop times', async () => {
    const cookie = await login(server.http, 'user1')
    const echo = connectClient(`${server.ws}/websocket/echo`)
    const members = [1, 2].map(() =>
      connectClient(`${server.ws}/websocket/chatroom?room=metrics`, { headers: { cookie } }),
    )
    await Promise.all([echo.opened, ...members.map((m) => m.opened)])
    members[0]?.ws.send('counted')
    await waitFor(() => members.every((m) => m.messages.length === 1), 'the message to both members')
    expect(
      (await api(server.http, 'POST', '/api/auth/login', { body: { username: 'user1', password: 'no' } })).status,
    ).toBe(401)

    const text = await scrape()
    expect(text).toContain('tether_websocket_connections{route="/websocket/echo"} 1')
    expect(text).toContain('tether_websocket_connections{route="/websocket/chatroom"} 2')
    expect(text).toContain('tether_chat_messages_in_total 1')
    expect(text).toContain('tether_chat_messages_out_total 2')
    expect(text).toContain('tether_login_failures_total{reason="invalid_credentials"} 1')
    expect(text).toMatch(/tether_database_query_seconds_count [1-9]/)
    expect(text).toMatch(/tether_dependency_ping_seconds\{dependency="database"\} \d/)
    expect(text).toContain('tether_event_loop_lag_seconds{quantile="0.99"}')
    expect(text).toContain('process_cpu_user_seconds_total')

    for (const client of [echo, ...members]) client.ws.close()
    await waitFor(
      async () => (await scrape()).includes('tether_websocket_connections{route="/websocket/echo"} 0'),
      'the close to be counted',
    )
  })

  it('labels routes from a fixed list, so clients cannot grow the label set', () => {
    expect(routeLabel('/websocket/mock/chat/demo?speed=2')).toBe('/websocket/mock')
    expect(routeLabel('/websocket/echo')).toBe('/websocket/echo')
    expect(routeLabel('/anything/else')).toBe('other')
  })
})

describe('/metrics on METRICS_PORT', () => {
  let server: RunningServer
  let port: number
  beforeAll(async () => {
    port = await freePort()
    server = await startServer({ METRICS_PORT: String(port) })
  })
  afterAll(() => server?.close())

  it('serves the metrics on the loopback port without a token, and not on the main port', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/metrics`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await answer.text()).toContain('tether_websocket_connections')
    expect((await api(server.http, 'GET', '/metrics')).status).toBe(404)
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404)
  })
})

const redisEnabled = redisServerAvailable
if (!redisEnabled) skipNotice('/readyz with Redis (needs redis-server)', 'a redis-server binary')

describe.skipIf(!redisEnabled)('/readyz with REDIS_URL', () => {
  let redis: TestRedis
  let server: RunningServer
  beforeAll(async () => {
    redis = await startTestRedis({ running: false })
    server = await startServer({ REDIS_URL: redis.url })
  })
  afterAll(async () => {
    await server?.close()
    await redis?.kill()
  })

  it('answers 503 TETHER_NOT_READY naming Redis while it is down, and 200 once it is back', async () => {
    const down = await api(server.http, 'GET', '/readyz')
    expect(down.status).toBe(503)
    expect(down.body.code).toBe('TETHER_NOT_READY')
    expect(down.body.message).toMatch(/redis/)
    expect(down.body.checks).toMatchObject({ database: { ok: true }, redis: { ok: false } })

    await redis.start()
    await waitFor(
      async () => (await api(server.http, 'GET', '/readyz')).status === 200,
      'ready once Redis is back',
      20_000,
    )
  }, 40_000)
})
