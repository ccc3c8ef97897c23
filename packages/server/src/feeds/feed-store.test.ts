import { afterAll, describe, expect, it } from 'vitest'
import { skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import type { FeedEntry, FeedStore } from './feed-store.js'
import { MemoryFeedStore } from './memory-feed-store.js'
import { RedisFeedStore } from './redis-feed-store.js'

const redisUrl = process.env.TEST_REDIS_URL
if (!redisUrl) skipNotice('feed store on Redis', 'TEST_REDIS_URL')

/** The same suite for every implementation (a store must behave the same in one process and a cluster). */
const implementations: [string, () => FeedStore][] = [['in-process', () => new MemoryFeedStore()]]
if (redisUrl) {
  // A prefix of its own per run: other suites and engineers share this Redis.
  const prefix = `tether-test:feed:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`
  implementations.push(['Redis', () => new RedisFeedStore(redisUrl, { prefix })])
}

const buffer = { bufferMessages: 3, bufferSeconds: 300 }
const text = (payload: string) => ({ at: Date.now(), kind: 'text' as const, payload })

describe.each(implementations)('feed store (%s)', (_name, create) => {
  const store = create()
  afterAll(() => store.close())
  let n = 0
  const key = () => `feed-${++n}`

  it('hands the lease to one holder at a time; the next one gets a newer token and fences the old one out', async () => {
    const feed = key()
    const first = await store.acquire(feed, 'a', 300)
    expect(first).not.toBeNull()
    expect(await store.acquire(feed, 'b', 300)).toBeNull()
    expect(await store.renew(feed, 'a', first as number, 300)).toBe(true)
    expect(await store.append(feed, first as number, text('from a'), buffer)).not.toBeNull()
    // 'a' stops renewing (it stalled or died): once its lease runs out, 'b' gets it.
    const second = await waitFor(() => store.acquire(feed, 'b', 5000), 'the lease to expire')
    expect(second).toBeGreaterThan(first as number)
    expect(await store.renew(feed, 'a', first as number, 300)).toBe(false)
    expect(await store.append(feed, first as number, text('late from a'), buffer)).toBeNull()
    expect(await store.append(feed, second, text('from b'), buffer)).not.toBeNull()
    expect((await store.read(feed, null, buffer)).map((e) => e.payload)).toEqual(['from a', 'from b'])
    await store.release(feed, 'b', second)
    expect(await store.acquire(feed, 'c', 300)).not.toBeNull()
  })

  it('numbers entries one by one, fans them out in order and keeps the newest within the bounds', async () => {
    const feed = key()
    const seen: FeedEntry[] = []
    const statuses: string[] = []
    const off = await store.subscribe(feed, {
      entry: (entry) => seen.push(entry),
      status: (status) => statuses.push(status.state),
    })
    const token = (await store.acquire(feed, 'a', 5000)) as number
    await store.setStatus(feed, token, { state: 'open', attempts: 0 })
    const appended: FeedEntry[] = []
    for (let i = 1; i <= 5; i++) appended.push((await store.append(feed, token, text(`m${i}`), buffer)) as FeedEntry)
    await store.append(
      feed,
      token,
      { at: Date.now(), kind: 'binary', payload: Buffer.from([1, 2]).toString('base64') },
      buffer,
    )
    await waitFor(() => seen.length === 6, 'every entry at the subscriber')
    expect(seen.slice(0, 5)).toEqual(appended)
    expect(seen[5]?.kind).toBe('binary')
    expect(statuses).toEqual(['open'])
    expect(await store.status(feed)).toEqual({ state: 'open', attempts: 0 })
    const seqs = seen.map((e) => e.seq)
    expect(seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] as number) + 1)).toBe(true)
    // The buffer keeps the newest three; `after` starts past a number, and old entries age out.
    expect((await store.read(feed, null, buffer)).map((e) => e.payload)).toEqual(['m4', 'm5', 'AQI='])
    expect((await store.read(feed, seqs[3] as number, buffer)).map((e) => e.payload)).toEqual(['m5', 'AQI='])
    expect(await store.read(feed, null, { bufferMessages: 0, bufferSeconds: 300 })).toEqual([])
    await off()
  })

  it('knows which other instances watch a feed', async () => {
    const feed = key()
    await store.watch(feed, 'a', 5000)
    expect(await store.othersWatching(feed, 'a')).toBe(false)
    await store.watch(feed, 'b', 5000)
    expect(await store.othersWatching(feed, 'a')).toBe(true)
    await store.unwatch(feed, 'b')
    expect(await store.othersWatching(feed, 'a')).toBe(false)
  })
})
