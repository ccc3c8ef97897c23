import { beforeAll, describe, expect, it } from 'vitest'
import { useTempProjects } from '../studio/test-support/temp-projects.js'
import { api, login, useTestServer } from '../test-support/app-helpers.js'
import { connectClient, waitFor } from '../test-support/realtime-helpers.js'

describe('/websocket/mock/<project>/<mock>', () => {
  const files = useTempProjects()
  const server = useTestServer({ env: () => ({ PROJECTS_DIR: files.projectsDir }) })

  const save = async (name: string, messages: unknown[]) => {
    const cookie = await login(server.http, 'admin')
    const body = { service: 'heartrateservice', recordedAt: '2025-01-01T00:00:00.000Z', messages }
    const saved = await api(server.http, 'PUT', `/api/studio/projects/heartrate/mocks/${name}`, { cookie, body })
    expect(saved.status).toBe(200)
  }

  beforeAll(async () => {
    await save('readings', [
      { at: 0, data: '{"time":1,"value":80}' },
      { at: 20, data: '{"time":2,"value":81}' },
      { at: 20, data: 'AAEC/w==', binary: true },
      { at: 40, data: '{"time":3,"value":82}' },
    ])
    // A minute between the two messages: only a faster replay delivers the second within the test.
    await save('slow', [
      { at: 0, data: 'first' },
      { at: 60_000, data: 'second' },
    ])
  })

  it('replays text and binary frames in recorded order without a session, then closes with 1000', async () => {
    const client = connectClient(`${server.ws}/websocket/mock/heartrate/readings`)
    const closed = await client.closedPromise
    expect(closed).toEqual({ code: 1000, reason: 'end of the recording' })
    expect(client.frames.map((f) => f.isBinary)).toEqual([false, false, true, false])
    expect(client.messages).toEqual([
      { time: 1, value: 80 },
      { time: 2, value: 81 },
      { time: 3, value: 82 },
    ])
    expect([...(client.frames[2]?.data ?? [])]).toEqual([0, 1, 2, 255])
  })

  it('loops when asked', async () => {
    const client = connectClient(`${server.ws}/websocket/mock/heartrate/readings?loop=1&speed=10`)
    await waitFor(() => client.messages.length >= 7, 'a second round of the recording')
    expect(client.messages.slice(0, 6)).toEqual([...client.messages.slice(0, 3), ...client.messages.slice(0, 3)])
    expect(client.closed).toBeNull()
    client.ws.close()
  })

  it('plays faster with speed', async () => {
    const client = connectClient(`${server.ws}/websocket/mock/heartrate/slow?speed=100`)
    await waitFor(() => client.messages.length === 2, 'the second message, 60 s in the recording, at 100×')
    expect(client.messages).toEqual(['first', 'second'])
    client.ws.close()
  })

  it.each([
    ['an unknown mock', '/websocket/mock/heartrate/nothere', /^TETHER_NOT_FOUND: .*no mock named "nothere"/],
    ['an unknown project', '/websocket/mock/nothere/readings', /^TETHER_PROJECT_NOT_FOUND: /],
    ['a bad speed', '/websocket/mock/heartrate/readings?speed=0', /^TETHER_VALIDATION_FAILED: speed must be/],
    ['a bad loop flag', '/websocket/mock/heartrate/readings?loop=maybe', /loop must be 1 or 0/],
  ])('closes with 1008 and the reason for %s', async (_what, path, reason) => {
    const client = connectClient(`${server.ws}${path}`)
    const closed = await client.closedPromise
    expect(closed.code).toBe(1008)
    expect(closed.reason).toMatch(reason)
    expect(client.frames).toEqual([])
  })
})
