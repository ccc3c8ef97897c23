#!/usr/bin/env node
// Chaos runs for the chat: a sender and a receiver (reconnecting with ?since=<last id>, as the apps
// do) exchange numbered messages while the run breaks something, then every acknowledged message (the
// sender got it back: it was stored) is looked for in the room's stored history and at the receiver.
// Counts messages sent, acknowledged, lost (acknowledged but missing) and duplicated (an id or a text
// twice). Scenarios: kill9, sigterm (SQLite, one instance, restarted on the same port and data),
// redis (two instances on PostgreSQL, their Redis killed with SIGKILL and restarted), frozen-pg (one
// instance whose PostgreSQL stops answering for a while). Loopback only, bounded in time.
// Usage: node bench/security/chaos.mjs [--scenario all|kill9|sigterm|redis|frozen-pg] [--messages 400]
import { spawn } from 'node:child_process'
import { createServer, Socket } from 'node:net'
import WebSocket from 'ws'
import { args, freePort, login, startTether } from './tether-process.mjs'

const options = args({
  scenario: 'all',
  messages: 400,
  ratePerSecond: 40,
  database: 'postgres://postgres@127.0.0.1:5432/test',
})
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
// The senders post faster than the default per-connection rate on purpose.
const FAST = { CHAT_RATE_PER_SECOND: '100000', CHAT_RATE_BURST: '100000' }

/** A chat member that reconnects (after 100 ms) with ?since=<last id> and records everything once received. */
function member(wsBase, cookie, room) {
  const state = { frames: [], ids: new Set(), duplicates: 0, lastId: 0, socket: null, stopped: false, opens: 0 }
  const open = () => {
    if (state.stopped) return
    const url = `${wsBase()}/websocket/chatroom?room=${room}&since=${state.lastId}`
    const socket = new WebSocket(url, { headers: { cookie, origin: wsBase().replace('ws', 'http') } })
    state.socket = socket
    socket.on('open', () => state.opens++)
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString())
      if (state.ids.has(frame.id)) state.duplicates++
      state.ids.add(frame.id)
      state.frames.push(frame)
      state.lastId = Math.max(state.lastId, frame.id)
    })
    socket.on('error', () => {})
    socket.on('close', () => setTimeout(open, 100))
  }
  open()
  state.stop = () => {
    state.stopped = true
    state.socket?.terminate()
  }
  return state
}

/** Sends `count` numbered messages at `ratePerSecond` while the sender is open; breaks things at `at`. */
async function exchange({ sender, receiver, count, chaos, settle }) {
  const texts = []
  let i = 0
  let chaosDone = null
  while (i < count) {
    if (i === Math.floor(count / 3) && !chaosDone) chaosDone = chaos()
    if (sender.socket?.readyState === WebSocket.OPEN) {
      const text = `m${i}`
      sender.socket.send(text)
      texts.push(text)
      i++
    }
    await sleep(1000 / options.ratePerSecond)
  }
  await chaosDone
  await settle()
  const acked = new Set(sender.frames.filter((f) => f.username === 'user1').map((f) => f.message))
  // Wait (bounded) for the receiver to have every acknowledged message.
  const deadline = Date.now() + 30_000
  const received = () => new Set(receiver.frames.map((f) => f.message))
  while (Date.now() < deadline && [...acked].some((t) => !received().has(t))) await sleep(100)
  return { texts, acked }
}

function tally(name, { texts, acked }, sender, receiver, history) {
  const stored = history.map((f) => f.message)
  const storedCount = new Map()
  for (const text of stored) storedCount.set(text, (storedCount.get(text) ?? 0) + 1)
  const got = new Set(receiver.frames.map((f) => f.message))
  const result = {
    scenario: name,
    sent: texts.length,
    acknowledged: acked.size,
    lostFromStore: [...acked].filter((t) => !storedCount.has(t)).length,
    lostAtReceiver: [...acked].filter((t) => !got.has(t)).length,
    duplicatedInStore: [...storedCount.values()].filter((n) => n > 1).length,
    duplicatedAtReceiver: receiver.duplicates + sender.duplicates,
    reconnects: receiver.opens - 1,
  }
  console.log(JSON.stringify(result))
  return result
}

async function history(wsBase, cookie, room) {
  const reader = member(() => wsBase, cookie, room)
  let size = -1
  while (size !== reader.frames.length) {
    size = reader.frames.length
    await sleep(500)
  }
  reader.stop()
  return reader.frames
}

/**
 * user1 posts `options.messages` numbered messages on `senderServer` while user2 reads them on
 * `receiverServer`; `chaos` breaks things part-way. Tallies what each side saw against the room's history,
 * read back afterwards by user2 from `receiverServer`.
 */
async function chatThroughChaos({ name, room, senderServer, receiverServer, chaos, settleMs }) {
  const cookieA = await login(senderServer.base, 'user1')
  const cookieB = await login(receiverServer.base, 'user2')
  const sender = member(() => senderServer.ws, cookieA, room)
  const receiver = member(() => receiverServer.ws, cookieB, room)
  await sleep(500)
  const outcome = await exchange({ sender, receiver, count: options.messages, chaos, settle: () => sleep(settleMs) })
  sender.stop()
  receiver.stop()
  return tally(name, outcome, sender, receiver, await history(receiverServer.ws, cookieB, room))
}

async function restartScenario(name, signal) {
  const server = await startTether({ ...FAST })
  const result = await chatThroughChaos({
    name,
    room: `chaos-${name}`,
    senderServer: server,
    receiverServer: server,
    chaos: async () => {
      await server.kill(signal)
      await server.restart()
    },
    settleMs: 1000,
  })
  await server.kill('SIGTERM')
  return result
}

async function startRedis(port) {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  )
  await new Promise((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (c) => {
      out += c
      if (out.includes('Ready to accept')) resolve()
    })
    child.once('exit', () => reject(new Error('redis-server exited')))
  })
  return child
}

async function redisScenario() {
  const redisPort = await freePort()
  let redis = await startRedis(redisPort)
  const schema = `chaos_${Date.now()}`
  const env = {
    ...FAST,
    DATABASE_URL: options.database,
    DATABASE_SCHEMA: schema,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    TETHER_DEMO: '1',
  }
  const a = await startTether(env)
  const b = await startTether(env)
  const result = await chatThroughChaos({
    name: 'redis',
    room: 'chaos-redis',
    senderServer: a,
    receiverServer: b,
    chaos: async () => {
      redis.kill('SIGKILL')
      await sleep(3000)
      redis = await startRedis(redisPort)
    },
    settleMs: 1000,
  })
  await a.kill('SIGTERM')
  await b.kill('SIGTERM')
  redis.kill('SIGKILL')
  return result
}

/** A TCP relay to PostgreSQL that can stop passing bytes (a database that hangs). */
async function freezableRelay(target) {
  let frozen = false
  const pipes = []
  const server = createServer((client) => {
    const upstream = new Socket()
    upstream.connect(target.port, target.host)
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ]) {
      from.on('error', () => {})
      from.on('data', (chunk) => to.write(chunk))
      from.on('close', () => to.destroy())
      pipes.push(from)
      if (frozen) from.pause()
    }
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: server.address().port,
    freeze() {
      frozen = true
      for (const p of pipes) p.pause()
    },
    thaw() {
      frozen = false
      for (const p of pipes) p.resume()
    },
    close() {
      for (const p of pipes) p.destroy()
      server.close()
    },
  }
}

async function frozenPgScenario() {
  const url = new URL(options.database)
  const relay = await freezableRelay({ host: url.hostname, port: Number(url.port || 5432) })
  url.host = `127.0.0.1:${relay.port}`
  const server = await startTether({
    ...FAST,
    DATABASE_URL: url.toString(),
    DATABASE_SCHEMA: `chaos_${Date.now()}`,
    TETHER_DEMO: '1',
    DATABASE_CONNECT_TIMEOUT_MS: '1000',
    DATABASE_STATEMENT_TIMEOUT_MS: '1000',
  })
  const result = await chatThroughChaos({
    name: 'frozen-pg',
    room: 'chaos-frozen',
    senderServer: server,
    receiverServer: server,
    chaos: async () => {
      relay.freeze()
      await sleep(4000)
      relay.thaw()
    },
    settleMs: 2000,
  })
  // SIGTERM while the database hangs again: the process must still exit (SHUTDOWN_TIMEOUT_MS, 10 s),
  // not wait forever; the run would SIGKILL it after 30 s.
  relay.freeze()
  const asked = Date.now()
  const stop = await server.kill('SIGTERM', 30_000)
  const shutdown = { signal: stop.signal, code: stop.code, seconds: Math.round((Date.now() - asked) / 100) / 10 }
  console.log(JSON.stringify({ scenario: 'frozen-pg', sigtermWhileFrozen: shutdown }))
  relay.close()
  return { ...result, sigtermWhileFrozen: shutdown }
}

const runs = {
  kill9: () => restartScenario('kill9', 'SIGKILL'),
  sigterm: () => restartScenario('sigterm', 'SIGTERM'),
  redis: redisScenario,
  'frozen-pg': frozenPgScenario,
}
const chosen = options.scenario === 'all' ? Object.keys(runs) : options.scenario.split(',')
const results = []
for (const name of chosen) results.push(await runs[name]())
const bad = results.filter((r) => r.lostFromStore + r.lostAtReceiver + r.duplicatedInStore + r.duplicatedAtReceiver > 0)
console.log(`chaos: ${results.length} scenario(s), ${bad.length} with lost or duplicated messages`)
process.exit(bad.length > 0 ? 1 : 0)
