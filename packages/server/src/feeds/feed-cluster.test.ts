import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type RunningServer, startServer } from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import { type ChildServer, startChildServer } from './test-support/child-server.js'
import { type FeedUpstream, feedFrames, startFeedUpstream } from './test-support/feed-upstream.js'

const redisUrl = process.env.TEST_REDIS_URL
if (!redisUrl) skipNotice('shared feeds across two instances (Redis)', 'TEST_REDIS_URL')

describe.skipIf(!redisUrl)('a shared feed across two instances (Redis): one upstream, taken over on a crash', () => {
  let upstream: FeedUpstream
  let a: RunningServer
  let b: ChildServer
  const viewers: RecordingClient[] = []

  beforeAll(async () => {
    upstream = await startFeedUpstream()
    const env = {
      REDIS_URL: redisUrl as string,
      // Keys of their own: other suites and engineers share this Redis.
      FEED_REDIS_PREFIX: `tether-test:feed:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`,
      FEED_LEASE_MS: '1000',
      FEED_GRACE_MS: '300',
      PROXY_ALLOW: `127.0.0.1:${upstream.port}`,
    }
    // B, the one that will crash, is a process of its own; A runs in the test's process.
    b = await startChildServer(env)
    a = await startServer(env)
  }, 60_000)
  afterAll(async () => {
    for (const viewer of viewers) viewer.ws.terminate()
    await b?.kill()
    await a?.close()
    await upstream?.close()
  })

  const view = async (server: { http: string; ws: string }): Promise<RecordingClient> => {
    const cookie = await login(server.http, 'user1')
    const url = `${server.ws}/api/proxy?url=${encodeURIComponent(upstream.url)}&shared=1`
    const viewer = connectClient(url, { headers: { cookie, origin: server.http } })
    viewers.push(viewer)
    await viewer.opened
    return viewer
  }
  const texts = (viewer: RecordingClient) => feedFrames(viewer.messages).messages.map((m) => m.text)
  const seqs = (viewer: RecordingClient) => feedFrames(viewer.messages).messages.map((m) => m.seq)
  const send = (from: number, to: number) => {
    for (let i = from; i <= to; i++) upstream.send(`m${i}`)
  }
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `m${from + i}`)

  it('viewers on both instances share one upstream; a viewer joining on the other gets the buffer then the stream', async () => {
    const onB = await view(b)
    await waitFor(() => upstream.open === 1, 'the upstream, opened by B', 20_000)
    await waitFor(() => feedFrames(onB.messages).statuses.includes('open'), 'the upstream status at B')
    send(1, 3)
    await waitFor(() => texts(onB).length === 3, 'the first messages at B')

    const onA = await view(a)
    await waitFor(() => texts(onA).length === 3, 'the buffer at A, from Redis', 20_000)
    send(4, 5)
    await waitFor(() => texts(onA).length === 5 && texts(onB).length === 5, 'the live messages on both')
    expect(texts(onA)).toEqual(range(1, 5))
    expect(texts(onB)).toEqual(range(1, 5))
    expect(seqs(onA)).toEqual(seqs(onB))
    expect(upstream.connections).toBe(1)
  })

  it('killing the holder (kill -9) moves the upstream to the other instance; no message lost or repeated', async () => {
    const onA = viewers[1] as RecordingClient
    await b.kill()
    await waitFor(() => upstream.connections === 2 && upstream.open === 1, 'the upstream reopened by A', 30_000)
    await waitFor(() => feedFrames(onA.messages).statuses.at(-1) === 'open', 'the upstream open again at A')
    send(6, 8)
    await waitFor(() => texts(onA).length === 8, 'the messages after the takeover', 20_000)
    expect(texts(onA)).toEqual(range(1, 8))
    const numbers = seqs(onA)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y))

    // The buffer (written by B before it died) survived the takeover.
    const late = await view(a)
    await waitFor(() => texts(late).length === 8, 'the buffer after the takeover')
    expect(texts(late)).toEqual(range(1, 8))
    expect(seqs(late)).toEqual(numbers)
  })

  it('closes the upstream a grace period after the last viewer left', async () => {
    for (const viewer of viewers) viewer.ws.close()
    await waitFor(() => upstream.open === 0, 'the upstream to close', 20_000)
    expect(upstream.connections).toBe(2)
  })
})
