import { defineWebSocketService, isTetherError, WebSocketVariable } from '@tether/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WS from 'ws'
import { startMqttBroker } from '../../../../test-support/mqtt-broker.mjs'
import { WEB_STOMP_URL, webStompAvailable, webStompSkipNotice } from '../../../../test-support/web-stomp.mjs'
import { useTempProjects } from '../studio/test-support/temp-projects.js'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { waitFor } from '../test-support/realtime-helpers.js'

const run = `${process.pid}-${Date.now()}`

/**
 * STOMP and MQTT variables as a page runs them: through /api/proxy, with no login in the definition the
 * browser holds — the server adds the stored credentials.
 */
describe('STOMP and MQTT variables through the proxy, with server-side credentials', () => {
  let broker: Awaited<ReturnType<typeof startMqttBroker>>
  let hasWebStomp = false
  let cookie: string
  const variables: WebSocketVariable[] = []

  beforeAll(async () => {
    broker = await startMqttBroker({ credentials: { username: 'board', password: 'server-only' } })
    hasWebStomp = await webStompAvailable()
    if (!hasWebStomp) webStompSkipNotice('STOMP variables through the proxy')
  })
  afterAll(() => broker?.close())
  afterEach(() => {
    for (const variable of variables.splice(0)) variable.dispose()
  })
  const files = useTempProjects()
  const server = useTestServer({
    env: () => ({
      PROJECTS_DIR: files.projectsDir,
      PROXY_ALLOW: `127.0.0.1:${broker.port},${new URL(WEB_STOMP_URL).host}`,
    }),
  })

  const definitions = {
    rabbit: { url: WEB_STOMP_URL, protocol: 'stomp', channels: [`/topic/a-${run}`, `/topic/b-${run}`] },
    board: { url: '', protocol: 'mqtt', channels: ['heart/+', 'alerts/#'] }, // the broker's URL once it runs
  }
  beforeAll(async () => {
    const admin = await login(server.http, 'admin')
    cookie = await login(server.http, 'user1')
    await api(server.http, 'POST', '/api/studio/projects', { cookie: admin, body: { name: 'brokers' } })
    const save = async (name: string, definition: Record<string, unknown>, credentials: Record<string, string>) => {
      const path = `/api/studio/projects/brokers/services/${name}`
      const body = { name, useProxy: true, ...definition }
      expect((await api(server.http, 'PUT', path, { cookie: admin, body })).status).toBe(200)
      expect((await api(server.http, 'PUT', `${path}/secrets`, { cookie: admin, body: { credentials } })).status).toBe(
        204,
      )
    }
    definitions.board.url = broker.url
    await save('rabbit', definitions.rabbit, { username: 'guest', password: 'guest' })
    await save('rabbitwrong', definitions.rabbit, { username: 'guest', password: 'wrong' })
    await save('board', definitions.board, { username: 'board', password: 'server-only' })
    await save('boardwrong', definitions.board, { username: 'board', password: 'wrong' })
  })

  /** A variable on a saved service, as the runtime makes it: the definition without secrets, via the proxy. */
  function variableFor(service: string, definition: Record<string, unknown>) {
    // A browser sends its session cookie with the upgrade; `ws` needs it passed.
    class SessionWebSocket extends WS {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie } })
      }
    }
    const variable = new WebSocketVariable({
      service: defineWebSocketService({ name: service, useProxy: true, ...definition } as never),
      name: `${service}variable`,
      connectOnLoad: false,
      WebSocket: SessionWebSocket,
      proxyUrl: `${server.ws}/api/proxy?project=brokers&service=${service}`,
      reconnect: { initialDelayMs: 10, maxDelayMs: 100 },
    })
    variables.push(variable)
    return variable
  }

  const dropProxiedSockets = () => {
    for (const socket of server.app.websocketServer.clients) socket.terminate()
  }

  it('STOMP: two destinations into two datasets, send, drop and recover', async (context) => {
    if (!hasWebStomp) return context.skip()
    const [a, b] = definitions.rabbit.channels as [string, string]
    const variable = variableFor('rabbit', definitions.rabbit)
    await variable.open()
    variable.send({ n: 1 }, a)
    variable.send({ n: 2 }, b)
    await waitFor(() => variable.datasets[a]?.length === 1 && variable.datasets[b]?.length === 1, 'both messages')
    dropProxiedSockets()
    await waitFor(() => variable.status.state !== 'open', 'the drop to be noticed')
    await waitFor(() => variable.status.state === 'open', 'the reconnect', 15_000)
    variable.send({ n: 3 }, a)
    await waitFor(() => variable.datasets[a]?.length === 2, 'a message after the reconnect')
    expect(variable.datasets[a]).toEqual([{ n: 1 }, { n: 3 }])
  })

  it('STOMP: a wrong server-side passcode ends in TETHER_AUTH_FAILED, not retried', async (context) => {
    if (!hasWebStomp) return context.skip()
    const variable = variableFor('rabbitwrong', definitions.rabbit)
    const failure = await variable.open().catch((error: unknown) => error)
    expect(isTetherError(failure, 'TETHER_AUTH_FAILED')).toBe(true)
    expect(variable.status).toMatchObject({ state: 'error', nextRetryAt: null })
  })

  it('MQTT: two filters into two datasets, publish, drop and recover', async () => {
    const variable = variableFor('board', definitions.board)
    await variable.open()
    expect(broker.logins.at(-1)).toMatchObject({ username: 'board', password: 'server-only' })
    variable.send({ bpm: 70 }, 'heart/ann')
    await broker.publish('alerts/fire', '"hall 2"')
    await waitFor(
      () => variable.datasets['heart/+']?.length === 1 && variable.datasets['alerts/#']?.length === 1,
      'both messages',
    )
    dropProxiedSockets()
    await waitFor(() => variable.status.state !== 'open', 'the drop to be noticed')
    await waitFor(() => variable.status.state === 'open', 'the reconnect', 15_000)
    await broker.publish('heart/bob', '{"bpm":64}')
    await waitFor(() => variable.datasets['heart/+']?.length === 2, 'a message after the reconnect')
    expect(variable.datasets['heart/+']).toEqual([{ bpm: 70 }, { bpm: 64 }])
  })

  it('MQTT: a wrong server-side password ends in TETHER_AUTH_FAILED, not retried', async () => {
    const variable = variableFor('boardwrong', definitions.board)
    const failure = await variable.open().catch((error: unknown) => error)
    expect(isTetherError(failure, 'TETHER_AUTH_FAILED')).toBe(true)
    expect(variable.status).toMatchObject({ state: 'error', nextRetryAt: null })
    expect(broker.logins.at(-1)).toMatchObject({ username: 'board', password: 'wrong' })
  })
})
