// The load generator: a room of chat members in one process (pinned to its own core by the runner).
// Usage: node chat-clients.mjs '<json config>'   — prints JSON lines: connected, ready, measure-start,
// measure-end, result (or holding, in idle mode), or error.
//
// Config: { protocol: 'text'|'socketio', targets: [{ url, cookies?: string[] }], users: string[],
//   room, usernameParam?, members, senders, mode: 'flood'|'rate'|'idle', window?, ratePerSec?,
//   warmupMs, durationMs, textBytes, connectConcurrency? }
// Members are spread round-robin over targets (several server instances) and users (sessions).
// Every member receives every message, the sender included; latency is measured per delivery from the
// sender's clock to the receiver's, both in this process, with the send time embedded in the text.
import { Histogram } from '../lib/stats.mjs'
import { connectAll, connectMember, makeMarkerReader } from './members.mjs'

const cfg = JSON.parse(process.argv[2] ?? '{}')
const RING = 1 << 16
const MASK = RING - 1
const STALL_MS = 5000

const emit = (event) => process.stdout.write(`${JSON.stringify(event)}\n`)
const micros = () => Math.round(performance.now() * 1000)
const runTag = String(process.pid) + String(Date.now() % 100000)

function fail(message) {
  process.stdout.write(`${JSON.stringify({ event: 'error', message })}\n`, () => process.exit(1))
}

const state = {
  phase: 'connecting', // connecting → ready → warmup → measure → drain → done
  sent: 0,
  completed: 0,
  deliveries: 0,
  firstMeasuredSeq: Number.POSITIVE_INFINITY,
  lastMeasuredSeq: Number.POSITIVE_INFINITY,
  unexpectedCloses: new Map(),
}
const receivedBySeq = new Uint32Array(RING)
const probeCounts = new Map()
const latency = new Histogram()
let measuredOutstanding = 0

const onProbe = (seq) => probeCounts.set(seq, (probeCounts.get(seq) ?? 0) + 1)
function onMessage(seq, sentMicros) {
  state.deliveries++
  if (seq >= state.firstMeasuredSeq && seq <= state.lastMeasuredSeq) latency.record(micros() - sentMicros)
  const slot = seq & MASK
  if (++receivedBySeq[slot] === cfg.members) {
    receivedBySeq[slot] = 0
    state.completed++
    if (seq >= state.firstMeasuredSeq && seq <= state.lastMeasuredSeq) measuredOutstanding--
    if (cfg.mode === 'flood') pump()
  }
}
const readFrame = makeMarkerReader(runTag, onProbe, onMessage)

const padding = new Map()
function text(kindAndSeq, extra) {
  const prefix = `~${runTag}~${kindAndSeq}~${extra}`
  const missing = Math.max(0, cfg.textBytes - prefix.length)
  let pad = padding.get(missing)
  if (pad === undefined) {
    pad = 'x'.repeat(missing)
    padding.set(missing, pad)
  }
  return prefix + pad
}

let members = []
let senders = []
function sendNext() {
  const seq = state.sent++
  if (state.phase === 'measure') {
    if (state.firstMeasuredSeq === Number.POSITIVE_INFINITY) state.firstMeasuredSeq = seq
    measuredOutstanding++
  }
  senders[seq % senders.length].send(text(`m${seq}`, `${micros()}~`))
}

function pump() {
  if (state.phase !== 'warmup' && state.phase !== 'measure') return
  while (state.sent - state.completed < cfg.window) sendNext()
}

function startRate() {
  const interval = 1000 / cfg.ratePerSec
  let next = performance.now()
  const tick = () => {
    if (state.phase !== 'warmup' && state.phase !== 'measure') return
    while (performance.now() >= next) {
      sendNext()
      next += interval
    }
    setTimeout(tick, Math.max(0, next - performance.now()))
  }
  tick()
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function waitUntil(condition, timeoutMs, describe) {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(describe())
    await sleep(20)
  }
}

async function main() {
  const started = performance.now()
  members = await connectAll(cfg.members, cfg.connectConcurrency ?? 50, (index) => {
    const target = cfg.targets[index % cfg.targets.length]
    const userIndex = Math.floor(index / cfg.targets.length) % cfg.users.length
    const username = cfg.users[userIndex]
    let url = target.url
    if (cfg.usernameParam) url += `${url.includes('?') ? '&' : '?'}username=${encodeURIComponent(username)}`
    const cookie = target.cookies?.[userIndex]
    return connectMember({
      protocol: cfg.protocol,
      url,
      headers: cookie ? { cookie } : {},
      auth: { room: cfg.room, username },
      onFrame: readFrame,
      onClose: (code, reason) => {
        if (state.phase === 'done') return
        const key = `${code}${reason ? ` ${reason}` : ''}`
        state.unexpectedCloses.set(key, (state.unexpectedCloses.get(key) ?? 0) + 1)
      },
    })
  })
  emit({ event: 'connected', members: members.length, ms: performance.now() - started })

  // Ready once a probe posted by member 0 reaches every member: all joined the room (on every instance).
  const readyStarted = performance.now()
  let probe = 0
  const prober = setInterval(() => members[0].send(text(`p${probe++}`, '')), 250)
  members[0].send(text(`p${probe++}`, ''))
  await waitUntil(
    () => [...probeCounts.values()].some((n) => n >= cfg.members),
    cfg.readyTimeoutMs ?? 30_000,
    () =>
      `only ${Math.max(0, ...probeCounts.values())} of ${cfg.members} members received a probe message within ` +
      `${(cfg.readyTimeoutMs ?? 30_000) / 1000} s` +
      closesText(),
  )
  clearInterval(prober)
  await sleep(50) // let late probe copies arrive before real traffic
  emit({ event: 'ready', ms: performance.now() - readyStarted })

  if (cfg.mode === 'idle') {
    state.phase = 'holding'
    emit({ event: 'holding', members: members.length })
    return // stay connected until the runner stops us
  }

  senders = members.slice(0, Math.max(1, Math.min(cfg.senders, members.length)))
  state.phase = 'warmup'
  if (cfg.mode === 'flood') pump()
  else startRate()
  let lastCompleted = -1
  let lastProgressAt = performance.now()
  const watchdog = setInterval(() => {
    if (state.completed !== lastCompleted) {
      lastCompleted = state.completed
      lastProgressAt = performance.now()
    } else if (performance.now() - lastProgressAt > STALL_MS && state.sent > state.completed) {
      clearInterval(watchdog)
      fail(`stalled: no message reached all ${cfg.members} members for ${STALL_MS} ms${closesText()}`)
    }
  }, 250)
  await sleep(cfg.warmupMs)

  state.phase = 'measure'
  const deliveriesBefore = state.deliveries
  const completedBefore = state.completed
  const cpuBefore = process.cpuUsage()
  const measureStarted = performance.now()
  emit({ event: 'measure-start' })
  await sleep(cfg.durationMs)
  const seconds = (performance.now() - measureStarted) / 1000
  const deliveries = state.deliveries - deliveriesBefore
  const posted = state.completed - completedBefore
  const cpu = process.cpuUsage(cpuBefore)
  emit({ event: 'measure-end' })

  // Stop sending, then wait for the measured messages still in flight so slow deliveries count in p99.
  state.lastMeasuredSeq = state.sent - 1
  state.phase = 'drain'
  await waitUntil(
    () => measuredOutstanding <= 0,
    10_000,
    () => `${measuredOutstanding} measured messages never reached every member${closesText()}`,
  ).catch((error) => {
    state.drainError = error.message
  })
  clearInterval(watchdog)
  state.phase = 'done'
  const ms = (q) => (latency.quantile(q) ?? Number.NaN) / 1000
  process.stdout.write(
    `${JSON.stringify({
      event: 'result',
      members: cfg.members,
      senders: senders.length,
      seconds,
      deliveries,
      deliveriesPerSec: deliveries / seconds,
      postsPerSec: posted / seconds,
      latencySamples: latency.total,
      p50ms: ms(0.5),
      p99ms: ms(0.99),
      maxMs: latency.max / 1000,
      loadgenCpuPct: ((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100,
      unexpectedCloses: Object.fromEntries(state.unexpectedCloses),
      drainError: state.drainError ?? null,
    })}\n`,
    () => process.exit(0),
  )
}

function closesText() {
  if (state.unexpectedCloses.size === 0) return ''
  return `; unexpected closes: ${[...state.unexpectedCloses].map(([k, n]) => `${n}× ${k}`).join(', ')}`
}

process.on('SIGTERM', () => {
  state.phase = 'done'
  process.exit(0)
})
main().catch((error) => fail(error.message))
