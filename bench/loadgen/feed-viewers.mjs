// Viewers of one proxied feed for the shared-feed benchmarks, in a process of their own (pinned to the
// load generator's core). Each viewer reads the upstream's marker `~<i>~<sentMicros>~` straight from
// the frame bytes (a shared feed wraps it in {"seq":…,"text":"…"}, a relay sends it bare), so both
// paths cost the viewer the same. Controlled over IPC; answers with {type, …}.
import WebSocket from 'ws'
import { Histogram } from '../lib/stats.mjs'

const TILDE = 126
const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000)
const groups = new Map()
const latency = new Histogram()
let counting = false
let deliveries = 0

function group(name) {
  let g = groups.get(name)
  if (!g) {
    g = { viewers: [], duplicates: 0, gaps: 0, closed: 0, arrivals: [] }
    groups.set(name, g)
  }
  return g
}

function read(viewer, g, buf) {
  const start = buf.indexOf(TILDE)
  if (start < 0) return
  let p = start + 1
  let i = 0
  let c = buf[p++]
  while (c !== TILDE && c !== undefined) {
    i = i * 10 + (c - 48)
    c = buf[p++]
  }
  let sent = 0
  c = buf[p++]
  while (c !== TILDE && c !== undefined) {
    sent = sent * 10 + (c - 48)
    c = buf[p++]
  }
  const now = nowMicros()
  if (viewer.last !== 0 && i <= viewer.last) g.duplicates++
  else if (viewer.last !== 0 && i > viewer.last + 1) g.gaps += i - viewer.last - 1
  if (i > viewer.last) viewer.last = i
  if (viewer.tracked) g.arrivals.push([i, now])
  if (counting) {
    deliveries++
    latency.record(now - sent)
  }
}

function connect(name, url, headers, tracked) {
  const g = group(name)
  return new Promise((resolve) => {
    const viewer = { last: 0, tracked, socket: new WebSocket(url, { headers, perMessageDeflate: false }) }
    viewer.socket.on('message', (data) => read(viewer, g, data))
    viewer.socket.once('open', () => {
      g.viewers.push(viewer)
      resolve(true)
    })
    viewer.socket.once('close', () => {
      g.closed++
      resolve(false)
    })
    viewer.socket.on('error', () => {})
  })
}

async function connectMany({ group: name, url, headers, count }) {
  let ok = 0
  const batch = 200
  for (let from = 0; from < count; from += batch) {
    const results = await Promise.all(
      Array.from({ length: Math.min(batch, count - from) }, (_, k) => connect(name, url, headers, from + k === 0)),
    )
    ok += results.filter(Boolean).length
  }
  return ok
}

process.on('message', async (message) => {
  try {
    if (message.cmd === 'connect') {
      process.send({ type: 'connected', ok: await connectMany(message) })
    } else if (message.cmd === 'count') {
      counting = message.on
      if (message.on) {
        deliveries = 0
        latency.reset()
      }
      process.send({ type: 'count', deliveries })
    } else if (message.cmd === 'report') {
      const report = {
        type: 'report',
        deliveries,
        p50us: latency.quantile(0.5),
        p99us: latency.quantile(0.99),
        groups: {},
      }
      for (const [name, g] of groups) {
        report.groups[name] = {
          open: g.viewers.filter((v) => v.socket.readyState === WebSocket.OPEN).length,
          closed: g.closed,
          duplicates: g.duplicates,
          gaps: g.gaps,
          arrivals: message.arrivals ? g.arrivals : undefined,
          lastSeen: g.viewers.map((v) => v.last),
        }
      }
      process.send(report)
    } else if (message.cmd === 'close') {
      for (const g of groups.values()) for (const v of g.viewers) v.socket.terminate()
      process.send({ type: 'closed' })
      setTimeout(() => process.exit(0), 50)
    }
  } catch (error) {
    process.send({ type: 'error', message: String(error?.stack ?? error) })
  }
})
process.send({ type: 'ready' })
