// Micro-benchmark: what one received message costs a WebSocketVariable (parse + onNewData insert),
// against JSON.parse alone and against the naive immutable store `[...data, msg].slice(-limit)`,
// at dataLimit 20 and 10,000. Prints ns/message (median of several runs) and ratios; asserts nothing.
//
//   npx tsc -b packages/core && node bench/core-ingest.mjs
//
// Frames are fed straight into the variable's socket handler by a scripted socket, so the figure is the
// variable's own work (no network). The dataset is filled to its limit before timing: every timed
// message also evicts one record, the steady state of a live stream.
import { fileURLToPath } from 'node:url'

const core = await import(new URL('../packages/core/dist/index.js', import.meta.url).href).catch((error) => {
  console.error(`Build the core first: npx tsc -b packages/core (${error.message})`)
  console.error(`(looked in ${fileURLToPath(new URL('../packages/core/dist/', import.meta.url))})`)
  process.exit(1)
})
const { WebSocketVariable } = core

const RUNS = 7
const FRAMES = Array.from({ length: 4096 }, (_, i) =>
  JSON.stringify({ time: 1513152655902 + i * 500, value: 61 + (i % 39) }),
)

/** A socket the benchmark drives by hand. */
class ScriptedSocket {
  static last
  readyState = 0
  binaryType = 'blob'
  onopen = null
  onmessage = null
  onerror = null
  onclose = null
  constructor(url) {
    this.url = url
    ScriptedSocket.last = this
  }
  send() {}
  close() {
    this.readyState = 3
    this.onclose?.({ code: 1000, reason: '', wasClean: true })
  }
}

async function openVariable(dataLimit, options = {}) {
  const variable = new WebSocketVariable({
    service: { name: 'heartrate', url: 'ws://127.0.0.1:9/websocket/heartrate' },
    name: 'heartratevariable',
    onNewData: 'addAsLast',
    dataLimit,
    connectOnLoad: false,
    reconnect: false,
    WebSocket: ScriptedSocket,
    ...options,
  })
  const opened = variable.open()
  const socket = ScriptedSocket.last
  socket.readyState = 1
  socket.onopen({})
  await opened
  return { variable, socket }
}

/** Median ns per message of `run(count)` over RUNS runs (after one warm-up run). */
async function measure(count, setup) {
  const samples = []
  for (let r = 0; r <= RUNS; r++) {
    const feed = await setup()
    const start = process.hrtime.bigint()
    await feed(count)
    const ns = Number(process.hrtime.bigint() - start) / count
    if (r > 0) samples.push(ns)
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

const jsonParse = () => async (count) => {
  let sink = 0
  for (let i = 0; i < count; i++) sink += JSON.parse(FRAMES[i & 4095]).value
  if (sink === -1) console.log(sink)
}

const naive = (limit) => async () => {
  let data = []
  for (let i = 0; i < limit; i++) data = [...data, JSON.parse(FRAMES[i & 4095])].slice(-limit)
  return async (count) => {
    for (let i = 0; i < count; i++) data = [...data, JSON.parse(FRAMES[i & 4095])].slice(-limit)
    if (data.length !== limit) throw new Error('naive store lost records')
  }
}

/** Feeds frames in batches of `batch` per tick; with `read`, a subscriber reads the snapshot each tick. */
const variable =
  (limit, { batch = 0, read = false } = {}) =>
  async () => {
    const { variable: v, socket } = await openVariable(limit)
    for (let i = 0; i < limit; i++) socket.onmessage({ data: FRAMES[i & 4095] })
    let sink = 0
    if (read) v.subscribe(() => (sink += v.getSnapshot().dataSet.length))
    return async (count) => {
      for (let i = 0; i < count; i++) {
        socket.onmessage({ data: FRAMES[i & 4095] })
        if (batch > 0 && i % batch === batch - 1) await Promise.resolve()
      }
      await Promise.resolve()
      if (v.getSnapshot().dataSet.length !== limit) throw new Error('variable lost records')
      if (sink === -1) console.log(sink)
      v.dispose()
    }
  }

const rows = []
const row = (name, ns) => {
  rows.push({ name, ns })
  return ns
}

const parse = row('JSON.parse alone', await measure(200_000, jsonParse))
const v20 = row('WebSocketVariable addAsLast, dataLimit 20', await measure(200_000, variable(20)))
const v10k = row('WebSocketVariable addAsLast, dataLimit 10,000', await measure(200_000, variable(10_000)))
const n20 = row('naive [...data, msg].slice(-limit), limit 20', await measure(200_000, naive(20)))
const n10k = row('naive [...data, msg].slice(-limit), limit 10,000', await measure(5_000, naive(10_000)))
const r20 = row(
  'variable, limit 20, snapshot read per 100-message tick',
  await measure(200_000, variable(20, { batch: 100, read: true })),
)
const r10k = row(
  'variable, limit 10,000, snapshot read per 100-message tick',
  await measure(100_000, variable(10_000, { batch: 100, read: true })),
)

console.log(`core ingest — ns per message, median of ${RUNS} runs (Node ${process.version})\n`)
const width = Math.max(...rows.map((r) => r.name.length))
for (const { name, ns } of rows) console.log(`${name.padEnd(width)}  ${ns.toFixed(0).padStart(9)} ns`)
const ratio = (a, b) => `${(a / b).toFixed(2)}×`
console.log('')
console.log(`variable / JSON.parse            limit 20: ${ratio(v20, parse)}   limit 10,000: ${ratio(v10k, parse)}`)
console.log(`variable limit 10,000 / limit 20:          ${ratio(v10k, v20)}`)
console.log(`naive    limit 10,000 / limit 20:          ${ratio(n10k, n20)}`)
console.log(`naive / variable                 limit 20: ${ratio(n20, v20)}   limit 10,000: ${ratio(n10k, v10k)}`)
console.log(
  `with a snapshot read per tick, limit 10,000 / limit 20: ${ratio(r10k, r20)} (the list is rebuilt once per tick, not per message)`,
)
