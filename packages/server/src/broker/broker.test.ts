import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { skipNotice, waitFor } from '../test-support/realtime-helpers.js'
import type { Broker } from './broker.js'
import { MemoryBroker } from './memory-broker.js'
import { RedisBroker } from './redis-broker.js'

const redisUrl = process.env.TEST_REDIS_URL
if (!redisUrl) skipNotice('RedisBroker contract', 'TEST_REDIS_URL')

/** Two brokers standing for two server instances; the in-process one is its own peer. */
interface Pair {
  a: Broker
  b: Broker
}

const implementations: { name: string; enabled: boolean; makePair: () => Pair }[] = [
  {
    name: 'MemoryBroker',
    enabled: true,
    makePair: () => {
      const broker = new MemoryBroker()
      return { a: broker, b: broker }
    },
  },
  {
    name: 'RedisBroker',
    enabled: Boolean(redisUrl),
    makePair: () => ({ a: new RedisBroker(redisUrl ?? ''), b: new RedisBroker(redisUrl ?? '') }),
  },
]

// Unique per run, so suites sharing one Redis never see each other's messages.
const channel = (name: string) => `test:${process.pid}:${Math.random().toString(36).slice(2)}:${name}`

for (const implementation of implementations) {
  describe.skipIf(!implementation.enabled)(`${implementation.name} (shared broker contract)`, () => {
    let pair: Pair
    afterEach(async () => {
      await pair.a.close()
      await pair.b.close()
    })

    it('delivers every message to every subscriber on every instance, in publish order', async () => {
      pair = implementation.makePair()
      const room = channel('order')
      const onA: string[] = []
      const onB: string[] = []
      await pair.a.subscribe(room, (m) => onA.push(m))
      await pair.b.subscribe(room, (m) => onB.push(m))
      const sent = Array.from({ length: 300 }, (_, i) => `message ${i}`)
      for (const message of sent) void pair.a.publish(room, message)
      await waitFor(() => onA.length === sent.length && onB.length === sent.length, 'all messages')
      expect(onA).toEqual(sent)
      expect(onB).toEqual(sent)
    })

    it('keeps channels apart', async () => {
      pair = implementation.makePair()
      const one = channel('one')
      const two = channel('two')
      const got: string[] = []
      await pair.b.subscribe(one, (m) => got.push(`one:${m}`))
      await pair.b.subscribe(two, (m) => got.push(`two:${m}`))
      await pair.a.publish(two, 'x')
      await pair.a.publish(one, 'y')
      await waitFor(() => got.length === 2, 'both messages')
      expect(got.sort()).toEqual(['one:y', 'two:x'])
    })

    it('stops delivering after unsubscribe, to that subscriber only', async () => {
      pair = implementation.makePair()
      const room = channel('unsubscribe')
      const kept: string[] = []
      const dropped: string[] = []
      await pair.b.subscribe(room, (m) => kept.push(m))
      const off = await pair.b.subscribe(room, (m) => dropped.push(m))
      await pair.a.publish(room, 'first')
      await waitFor(() => kept.length === 1 && dropped.length === 1, 'first message')
      await off()
      await pair.a.publish(room, 'second')
      await pair.a.publish(room, 'third')
      await waitFor(() => kept.length === 3, 'later messages')
      expect(kept).toEqual(['first', 'second', 'third'])
      expect(dropped).toEqual(['first'])
    })

    it('keeps delivering to others when one subscriber throws', async () => {
      const errors: unknown[] = []
      pair = implementation.makePair()
      // Rebuild with an error sink, so the failure is observed rather than printed.
      await pair.a.close()
      await pair.b.close()
      pair =
        implementation.name === 'MemoryBroker'
          ? (() => {
              const broker = new MemoryBroker({ onError: (e) => errors.push(e) })
              return { a: broker, b: broker }
            })()
          : {
              a: new RedisBroker(redisUrl ?? ''),
              b: new RedisBroker(redisUrl ?? '', { onError: (e) => errors.push(e) }),
            }
      const room = channel('throws')
      const got: string[] = []
      await pair.b.subscribe(room, () => {
        throw new Error('subscriber bug')
      })
      await pair.b.subscribe(room, (m) => got.push(m))
      await pair.a.publish(room, 'one')
      await pair.a.publish(room, 'two')
      await waitFor(() => got.length === 2, 'both messages')
      expect(got).toEqual(['one', 'two'])
      expect(errors).toHaveLength(2)
    })

    it('refuses to publish once closed', async () => {
      pair = implementation.makePair()
      await pair.a.close()
      await expect(pair.a.publish(channel('closed'), 'x')).rejects.toThrow(/closed/)
    })
  })
}

describe.skipIf(!redisUrl)('RedisBroker reconnect', () => {
  it('announces a reconnect once its subscriptions are back, and delivers again', async () => {
    const name = `tether-test-${process.pid}-${Date.now()}`
    const broker = new RedisBroker(redisUrl ?? '', { connectionName: name })
    const admin = new Redis(redisUrl ?? '')
    try {
      const room = channel('reconnect')
      const got: string[] = []
      let reconnects = 0
      broker.onReconnect(() => reconnects++)
      await broker.subscribe(room, (m) => got.push(m))
      // The first connection counts too (a Redis that was down at start is caught up with).
      await waitFor(() => reconnects === 1, 'the first connection')
      const clients = (await admin.client('LIST')) as string
      const ids = clients
        .split('\n')
        .filter((line) => line.includes(`name=${name}`))
        .map((line) => /id=(\d+)/.exec(line)?.[1])
      expect(ids.length).toBe(2)
      for (const id of ids) await admin.client('KILL', 'ID', id ?? '')
      await waitFor(() => reconnects > 1, 'the reconnect notice')
      // The publishing connection comes back on its own schedule.
      await waitFor(
        () =>
          broker.ping().then(
            () => true,
            () => false,
          ),
        'the publisher to reconnect',
      )
      await broker.publish(room, 'after reconnect')
      await waitFor(() => got.includes('after reconnect'), 'delivery after reconnect')
    } finally {
      await broker.close()
      admin.disconnect()
    }
  })
})
