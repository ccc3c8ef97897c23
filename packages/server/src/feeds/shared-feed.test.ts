import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { login, type RunningServer, startServer } from '../test-support/app-helpers.js'
import { connectClient, type RecordingClient, waitFor } from '../test-support/realtime-helpers.js'
import { type FeedUpstream, feedFrames, startFeedUpstream } from './test-support/feed-upstream.js'

describe('shared feeds on one server: one upstream, a buffer, the live stream', () => {
  let upstream: FeedUpstream
  let server: RunningServer
  let cookie: string
  const viewers: RecordingClient[] = []

  beforeAll(async () => {
    upstream = await startFeedUpstream()
    server = await startServer({ PROXY_ALLOW: `127.0.0.1:${upstream.port}`, FEED_GRACE_MS: '300' })
    cookie = await login(server.http, 'user1')
  })
  afterAll(async () => {
    for (const viewer of viewers) viewer.ws.terminate()
    await server?.close()
    await upstream?.close()
  })

  const view = (query = '', url = upstream.url): RecordingClient => {
    const viewer = connectClient(`${server.ws}/api/proxy?url=${encodeURIComponent(url)}&shared=1${query}`, {
      headers: { cookie, origin: server.http },
    })
    viewers.push(viewer)
    return viewer
  }
  const texts = (viewer: RecordingClient) => feedFrames(viewer.messages).messages.map((m) => m.text)
  const seqs = (viewer: RecordingClient) => feedFrames(viewer.messages).messages.map((m) => m.seq)

  it('viewers joining at different times share one upstream and get the buffer, then the stream, once each', async () => {
    const first = view('&body=%7B%22subscribe%22%3A%22BTC%22%7D')
    await first.opened
    await waitFor(() => upstream.open === 1, 'the upstream connection')
    await waitFor(() => feedFrames(first.messages).statuses.includes('open'), 'the upstream status')
    for (let i = 1; i <= 3; i++) upstream.send(`m${i}`)
    await waitFor(() => texts(first).length === 3, 'the first three messages')

    const second = view('&body=%7B%22subscribe%22%3A%22BTC%22%7D')
    await second.opened
    await waitFor(() => texts(second).length === 3, 'the buffer on join')
    for (let i = 4; i <= 6; i++) upstream.send(`m${i}`)
    const all = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']
    await waitFor(() => texts(first).length === 6 && texts(second).length === 6, 'the live messages')
    expect(texts(first)).toEqual(all)
    expect(texts(second)).toEqual(all)
    expect(seqs(second)).toEqual(seqs(first))
    const numbers = seqs(first)
    expect(numbers.every((seq, i) => i === 0 || seq === (numbers[i - 1] as number) + 1)).toBe(true)
    expect(upstream.connections).toBe(1)
    expect(upstream.received).toEqual(['{"subscribe":"BTC"}'])
  })

  it('resumes with since=<seq> from the buffer, and a different RequestBody is a different feed', async () => {
    const numbers = seqs(viewers[0] as RecordingClient)
    const resumed = view(`&body=%7B%22subscribe%22%3A%22BTC%22%7D&since=${numbers[3]}`)
    await waitFor(() => texts(resumed).length === 2, 'the messages after since')
    expect(texts(resumed)).toEqual(['m5', 'm6'])

    const other = view('&body=%7B%22subscribe%22%3A%22ETH%22%7D')
    await other.opened
    await waitFor(() => upstream.connections === 2, 'a second upstream for another RequestBody')
    expect(texts(other)).toEqual([])
  })

  it('refuses what a viewer sends with TETHER_FEED_READ_ONLY and keeps the connection', async () => {
    const viewer = viewers[0] as RecordingClient
    viewer.ws.send('buy')
    await waitFor(() => feedFrames(viewer.messages).errors.length === 1, 'the refusal')
    expect(feedFrames(viewer.messages).errors).toEqual(['TETHER_FEED_READ_ONLY'])
    expect(upstream.received).not.toContain('buy')
    upstream.send('m7')
    await waitFor(() => texts(viewer).at(-1) === 'm7', 'messages after the refusal')
  })

  it('closes the upstream a grace period after the last viewer left', async () => {
    for (const viewer of viewers) viewer.ws.close()
    await Promise.all(viewers.map((viewer) => viewer.closedPromise))
    await waitFor(() => upstream.open === 0, 'the upstream connections to close', 20_000)
    expect(upstream.connections).toBe(2)
  })
})

describe('a slow viewer of a shared feed', () => {
  let upstream: FeedUpstream
  let server: RunningServer
  let cookie: string

  beforeAll(async () => {
    upstream = await startFeedUpstream()
    // A small per-viewer cap, so the test fills it quickly; the rule is the same at 1 MiB.
    server = await startServer({ PROXY_ALLOW: `127.0.0.1:${upstream.port}`, WS_MAX_BUFFERED_BYTES: '65536' })
    cookie = await login(server.http, 'user1')
  })
  afterAll(async () => {
    await server?.close()
    await upstream?.close()
  })

  it('is closed with 1013 once its queue is full, while the others get every message', async () => {
    const url = `${server.ws}/api/proxy?url=${encodeURIComponent(upstream.url)}&shared=1`
    const options = { headers: { cookie, origin: server.http } }
    const fast = connectClient(url, options)
    const slow = connectClient(url, options)
    await Promise.all([fast.opened, slow.opened])
    await waitFor(() => upstream.open === 1, 'the upstream connection')
    // The slow viewer stops reading: its TCP window fills, then the server's queue for it.
    const slowSocket = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket
    slowSocket.pause()
    await waitFor(() => feedFrames(fast.messages).statuses.includes('open'), 'the upstream open')
    // Bursts the fast viewer reads as they come (each well under the cap); ~16 MB in all, more than the
    // kernel's socket buffers hold for the slow one.
    const payload = 'x'.repeat(4096)
    const batches = 400
    const batch = 10
    const count = batches * batch
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < batch; i++) upstream.send(`${b * batch + i}:${payload}`)
      await waitFor(() => fast.frames.length >= (b + 1) * batch, `batch ${b} at the fast viewer`, 30_000)
    }
    await waitFor(() => feedFrames(fast.messages).messages.length === count, 'every message at the fast viewer', 30_000)
    const received = feedFrames(fast.messages).messages.map((m) => Number(m.text.split(':')[0]))
    expect(received).toEqual(Array.from({ length: count }, (_, i) => i))
    // Reading again, the slow viewer finds what was sent before its queue overflowed, then the close.
    slowSocket.resume()
    expect((await slow.closedPromise).code).toBe(1013)
    expect(feedFrames(slow.messages).messages.length).toBeLessThan(count)
    expect(fast.closed).toBeNull()
    fast.ws.close()
  }, 180_000)
})

describe('shared feed limits', () => {
  let upstream: FeedUpstream
  let server: RunningServer
  let cookie: string

  beforeAll(async () => {
    upstream = await startFeedUpstream()
    server = await startServer({
      PROXY_ALLOW: `127.0.0.1:${upstream.port}`,
      FEED_MAX_VIEWERS: '1',
      FEED_MAX_PER_INSTANCE: '1',
    })
    cookie = await login(server.http, 'user1')
  })
  afterAll(async () => {
    await server?.close()
    await upstream?.close()
  })

  it('closes a viewer over FEED_MAX_VIEWERS or FEED_MAX_PER_INSTANCE with 1013 and the code', async () => {
    const open = (body: string) =>
      connectClient(`${server.ws}/api/proxy?url=${encodeURIComponent(upstream.url)}&shared=1&body=${body}`, {
        headers: { cookie, origin: server.http },
      })
    const first = open('a')
    await first.opened
    await waitFor(() => upstream.open === 1, 'the first feed')
    const second = await open('a').closedPromise
    expect(second.code).toBe(1013)
    expect(second.reason).toMatch(/^TETHER_FEED_FULL: /)
    const other = await open('b').closedPromise
    expect(other.code).toBe(1013)
    expect(other.reason).toMatch(/^TETHER_TOO_MANY_FEEDS: /)
    expect(upstream.connections).toBe(1)
    expect(first.closed).toBeNull()
    first.ws.close()
  })
})
