import type { SharedFeedBuffer, UpstreamStatus } from '@tether/core'
import { Redis } from 'ioredis'
import { RedisBroker } from '../broker/index.js'
import { type FeedEntry, type FeedListener, type FeedStore, firstSequence, withinAge } from './feed-store.js'

/** How long a feed's sequence number and status outlive its last message. */
const SEQUENCE_TTL_MS = 24 * 60 * 60 * 1000

// Lua keeps every step of a lease and of an append atomic. Numbers are formatted with %d: Lua's
// tostring would print a large sequence number as 1.7e+12.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. string.format('%d', token), 'PX', ARGV[2])
return token`
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`
/** KEYS: fence, seq, log. ARGV: token, maxlen, at, kind, payload, channel, logTtl, firstSeq, seqTtl. */
const APPEND = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
local seq = redis.call('INCR', KEYS[2])
if seq == 1 then seq = tonumber(ARGV[8]) redis.call('SET', KEYS[2], ARGV[8]) end
redis.call('PEXPIRE', KEYS[2], ARGV[9])
local id = string.format('%d', seq)
if tonumber(ARGV[2]) > 0 then
  redis.call('XADD', KEYS[3], 'MAXLEN', ARGV[2], id .. '-0', 'a', ARGV[3], 'k', ARGV[4], 'p', ARGV[5])
  redis.call('PEXPIRE', KEYS[3], ARGV[7])
end
redis.call('PUBLISH', ARGV[6], 'e ' .. id .. ' ' .. ARGV[3] .. ' ' .. ARGV[4] .. ' ' .. ARGV[5])
return id`
/** KEYS: fence, status. ARGV: token, json, channel, ttl. */
const SET_STATUS = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
redis.call('PUBLISH', ARGV[3], 's ' .. ARGV[2])
return 1`

type Reply = string | number | null

/** Parses a fan-out message: `e <seq> <at> <t|b> <payload>` or `s <status json>`. */
function parseMessage(message: string, listener: FeedListener): void {
  if (message.startsWith('s ')) {
    listener.status(JSON.parse(message.slice(2)) as UpstreamStatus)
    return
  }
  const seqEnd = message.indexOf(' ', 2)
  const atEnd = message.indexOf(' ', seqEnd + 1)
  listener.entry({
    seq: Number(message.slice(2, seqEnd)),
    at: Number(message.slice(seqEnd + 1, atEnd)),
    kind: message[atEnd + 1] === 'b' ? 'binary' : 'text',
    payload: message.slice(atEnd + 3),
  })
}

function entryOf([id, fields]: [string, string[]]): FeedEntry {
  const values: Record<string, string> = {}
  for (let i = 0; i + 1 < fields.length; i += 2) values[fields[i] as string] = fields[i + 1] as string
  return {
    seq: Number(id.slice(0, id.indexOf('-'))),
    at: Number(values.a),
    kind: values.k === 'b' ? 'binary' : 'text',
    payload: values.p ?? '',
  }
}

/**
 * The feeds of a cluster, in Redis. Per feed (`<prefix><key>:…`): `lease` (holder:token, SET NX PX,
 * renewed by its holder), `fence` (the last token handed out: appends with an older token are refused,
 * so a holder that stalled past its lease cannot write after its successor), `seq`, `log` (a stream
 * capped at the buffer's message count, entry ids = sequence numbers), `status`, `watchers` (a sorted
 * set of instances with viewers, scored by expiry). Entries and status changes are published on
 * `<prefix><key>` by the same script that stores them, so every instance sees them in sequence order.
 */
export class RedisFeedStore implements FeedStore {
  readonly #redis: Redis
  readonly #broker: RedisBroker
  readonly #prefix: string

  constructor(url: string, options: { prefix?: string; onError?: (error: unknown) => void } = {}) {
    this.#prefix = options.prefix ?? 'tether:feed:'
    this.#redis = new Redis(url, { maxRetriesPerRequest: 3, connectionName: 'tether-feeds' })
    this.#redis.on('error', () => {})
    this.#broker = new RedisBroker(url, { connectionName: 'tether-feeds-fanout', ...options })
  }

  #key(key: string, part: string): string {
    return `${this.#prefix}${key}:${part}`
  }

  #run(script: string, keys: string[], args: (string | number)[]): Promise<Reply> {
    return this.#redis.eval(script, keys.length, ...keys, ...args) as Promise<Reply>
  }

  async subscribe(key: string, listener: FeedListener): Promise<() => Promise<void>> {
    return this.#broker.subscribe(`${this.#prefix}${key}`, (message) => parseMessage(message, listener))
  }

  onReconnect(listener: () => void): () => void {
    return this.#broker.onReconnect(listener)
  }

  async acquire(key: string, holder: string, ttlMs: number): Promise<number | null> {
    const token = await this.#run(
      ACQUIRE,
      [this.#key(key, 'lease'), this.#key(key, 'fence')],
      [holder, ttlMs, SEQUENCE_TTL_MS],
    )
    return token === null ? null : Number(token)
  }

  async renew(key: string, holder: string, token: number, ttlMs: number): Promise<boolean> {
    return (await this.#run(RENEW, [this.#key(key, 'lease')], [`${holder}:${token}`, ttlMs])) === 1
  }

  async release(key: string, holder: string, token: number): Promise<void> {
    await this.#run(RELEASE, [this.#key(key, 'lease')], [`${holder}:${token}`])
  }

  async append(
    key: string,
    token: number,
    fields: Omit<FeedEntry, 'seq'>,
    buffer: SharedFeedBuffer,
  ): Promise<FeedEntry | null> {
    const seq = await this.#run(
      APPEND,
      [this.#key(key, 'fence'), this.#key(key, 'seq'), this.#key(key, 'log')],
      [
        token,
        buffer.bufferMessages,
        fields.at,
        fields.kind === 'binary' ? 'b' : 't',
        fields.payload,
        `${this.#prefix}${key}`,
        buffer.bufferSeconds * 1000,
        firstSequence(),
        SEQUENCE_TTL_MS,
      ],
    )
    return seq === null ? null : { seq: Number(seq), ...fields }
  }

  async read(key: string, after: number | null, buffer: SharedFeedBuffer): Promise<FeedEntry[]> {
    if (buffer.bufferMessages === 0) return []
    const start = after === null ? '-' : `(${after}-0`
    const newestFirst = (await this.#redis.xrevrange(
      this.#key(key, 'log'),
      '+',
      start,
      'COUNT',
      buffer.bufferMessages,
    )) as [string, string[]][]
    const now = Date.now()
    return newestFirst
      .reverse()
      .map(entryOf)
      .filter((entry) => withinAge(entry, buffer, now))
  }

  async setStatus(key: string, token: number, status: UpstreamStatus): Promise<void> {
    const json = JSON.stringify({ state: status.state, attempts: status.attempts })
    await this.#run(
      SET_STATUS,
      [this.#key(key, 'fence'), this.#key(key, 'status')],
      [token, json, `${this.#prefix}${key}`, SEQUENCE_TTL_MS],
    )
  }

  async status(key: string): Promise<UpstreamStatus | null> {
    const json = await this.#redis.get(this.#key(key, 'status'))
    return json === null ? null : (JSON.parse(json) as UpstreamStatus)
  }

  async watch(key: string, instance: string, ttlMs: number): Promise<void> {
    const watchers = this.#key(key, 'watchers')
    const now = Date.now()
    await this.#redis
      .multi()
      .zremrangebyscore(watchers, '-inf', now)
      .zadd(watchers, now + ttlMs, instance)
      .pexpire(watchers, ttlMs * 2)
      .exec()
  }

  async unwatch(key: string, instance: string): Promise<void> {
    await this.#redis.zrem(this.#key(key, 'watchers'), instance)
  }

  async othersWatching(key: string, instance: string): Promise<boolean> {
    const live = await this.#redis.zrangebyscore(this.#key(key, 'watchers'), Date.now(), '+inf')
    return live.some((other) => other !== instance)
  }

  async close(): Promise<void> {
    await this.#broker.close()
    await this.#redis.quit().catch(() => {})
  }
}
