// Micro-benchmark: what one received message costs a WebSocketVariable (parse + onNewData insert),
// against JSON.parse alone and against the naive immutable store `[...data, msg].slice(-limit)`,
// at dataLimit 20 and 10,000. Prints ns/message (medians) and ratios; asserts nothing about time.
//
//   npx tsc -b packages/core && node bench/core-ingest.mjs            ~20 s
//   node bench/core-ingest.mjs --smoke                                ~1 s: proves the script works
//   node bench/core-ingest.mjs --runs 11                              more rounds
//
// Frames are fed straight into the variable's socket handler by a scripted socket, so the figure is the
// variable's own work (no network). The dataset is filled to its limit before timing: every timed
// message also evicts one record, the steady state of a live stream. Frames go in synchronously, as `ws`
// delivers the frames of one TCP read; the "per 100-message tick" rows yield between batches.
//
// The cases run interleaved (one round = every case once, after a warm-up round), and each ratio is the
// median of its per-round ratios: on a shared machine, both sides of a ratio then see the same load.
// Last line: `{"markdown", "targets"}` for bench/run.mjs (bench/scenarios/external.mjs).
import { fileURLToPath } from 'node:url'

const args = { smoke: false, runs: 7 }
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i]
  if (arg === '--smoke') args.smoke = true
  else if (arg === '--runs') args.runs = Number(process.argv[++i])
  else {
    console.error(`core-ingest: unknown option ${arg}. Options: --smoke, --runs N`)
    process.exit(2)
  }
}
if (!(Number.isInteger(args.runs) && args.runs > 0)) {
  console.error('core-ingest: --runs needs a whole number > 0')
  process.exit(2)
}
const RUNS = args.smoke ? 1 : args.runs
/** Messages per timed sample; a smoke pass only proves every case runs and keeps its records. */
const scale = (count) => (args.smoke ? Math.ceil(count / 100) : count)

const core = await import(new URL('../packages/core/dist/index.js', import.meta.url).href).catch((error) => {
  console.error(`Build the core first: npx tsc -b packages/core (${error.message})`)
  console.error(`(looked in ${fileURLToPath(new URL('../packages/core/dist/', import.meta.url))})`)
  process.exit(1)
})
const { defineWebSocketService, WebSocketVariable } = core

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

async function openVariable(dataLimit) {
  const variable = new WebSocketVariable({
    service: defineWebSocketService({ name: 'heartrate', url: 'ws://127.0.0.1:9/websocket/heartrate' }),
    name: 'heartratevariable',
    onNewData: 'addAsLast',
    dataLimit,
    connectOnLoad: false,
    reconnect: false,
    WebSocket: ScriptedSocket,
  })
  const opened = variable.open()
  const socket = ScriptedSocket.last
  socket.readyState = 1
  socket.onopen({})
  await opened
  return { variable, socket }
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
    const before = v.status.messagesReceived
    return async (count) => {
      for (let i = 0; i < count; i++) {
        socket.onmessage({ data: FRAMES[i & 4095] })
        if (batch > 0 && i % batch === batch - 1) await Promise.resolve()
      }
      await Promise.resolve()
      if (v.getSnapshot().dataSet.length !== limit) throw new Error('variable lost records')
      if (v.status.messagesReceived !== before + count) throw new Error('variable miscounted messages')
      if (sink === -1) console.log(sink)
      v.dispose()
    }
  }

const CASES = [
  { id: 'parse', name: 'JSON.parse alone', count: 200_000, setup: jsonParse },
  { id: 'v20', name: 'WebSocketVariable addAsLast, dataLimit 20', count: 200_000, setup: variable(20) },
  { id: 'v10k', name: 'WebSocketVariable addAsLast, dataLimit 10,000', count: 200_000, setup: variable(10_000) },
  { id: 'n20', name: 'naive [...data, msg].slice(-limit), limit 20', count: 200_000, setup: naive(20) },
  { id: 'n10k', name: 'naive [...data, msg].slice(-limit), limit 10,000', count: 5_000, setup: naive(10_000) },
  {
    id: 'r20',
    name: 'variable, limit 20, snapshot read per 100-message tick',
    count: 200_000,
    setup: variable(20, { batch: 100, read: true }),
  },
  {
    id: 'r10k',
    name: 'variable, limit 10,000, snapshot read per 100-message tick',
    count: 100_000,
    setup: variable(10_000, { batch: 100, read: true }),
  },
  // A browser delivers each message as its own task: one notification and one snapshot per message.
  {
    id: 't20',
    name: 'variable, limit 20, one message per tick, snapshot read each',
    count: 100_000,
    setup: variable(20, { batch: 1, read: true }),
  },
  {
    id: 't10k',
    name: 'variable, limit 10,000, one message per tick, snapshot read each',
    count: 10_000,
    setup: variable(10_000, { batch: 1, read: true }),
  },
]

/** ns per message of one sample of `c`. */
async function sample(c) {
  const count = scale(c.count)
  const feed = await c.setup()
  const start = process.hrtime.bigint()
  await feed(count)
  return Number(process.hrtime.bigint() - start) / count
}

const rounds = []
for (let r = 0; r <= RUNS; r++) {
  const round = {}
  for (const c of CASES) round[c.id] = await sample(c)
  if (r > 0) rounds.push(round) // round 0 warms up the JIT
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const ns = Object.fromEntries(CASES.map((c) => [c.id, median(rounds.map((round) => round[c.id]))]))
/** Median over rounds of a / b, each round's pair measured back to back. */
const ratio = (a, b) => median(rounds.map((round) => round[a] / round[b]))
const ratios = {
  variableVsParse20: ratio('v20', 'parse'),
  variableVsParse10k: ratio('v10k', 'parse'),
  variable10kVs20: ratio('v10k', 'v20'),
  naive10kVs20: ratio('n10k', 'n20'),
  naiveVsVariable20: ratio('n20', 'v20'),
  naiveVsVariable10k: ratio('n10k', 'v10k'),
  read10kVs20: ratio('r10k', 'r20'),
  perTick10kVs20: ratio('t10k', 't20'),
}

const x = (value) => `${value.toFixed(2)}×`
const heading = `core ingest — ns per message, median of ${RUNS} interleaved round${RUNS === 1 ? '' : 's'} (Node ${process.version})`
const smokeNote = args.smoke ? ' Smoke pass: the figures prove the script runs, they measure nothing.' : ''
const width = Math.max(...CASES.map((c) => c.name.length))
const text = [
  heading,
  '',
  ...CASES.map((c) => `${c.name.padEnd(width)}  ${ns[c.id].toFixed(0).padStart(9)} ns`),
  '',
  `variable / JSON.parse            limit 20: ${x(ratios.variableVsParse20)}   limit 10,000: ${x(ratios.variableVsParse10k)}`,
  `variable limit 10,000 / limit 20:          ${x(ratios.variable10kVs20)}`,
  `naive    limit 10,000 / limit 20:          ${x(ratios.naive10kVs20)}`,
  `naive / variable                 limit 20: ${x(ratios.naiveVsVariable20)}   limit 10,000: ${x(ratios.naiveVsVariable10k)}`,
  `with a snapshot read per tick, limit 10,000 / limit 20: ${x(ratios.read10kVs20)} (the list is rebuilt once per tick, not per message)`,
  `one message per tick, snapshot read each, limit 10,000 / limit 20: ${x(ratios.perTick10kVs20)}`,
].join('\n')
console.log(text)

const markdown = [
  `Per received message, in Node ${process.version}: medians of ${RUNS} interleaved round${RUNS === 1 ? '' : 's'}; each ratio is the median of its per-round ratios.${smokeNote}`,
  '',
  '| case | ns per message |',
  '|---|---:|',
  ...CASES.map((c) => `| ${c.name.replaceAll('|', '\\|')} | ${ns[c.id].toFixed(0)} |`),
  '',
  '| ratio | value |',
  '|---|---:|',
  `| WebSocketVariable ÷ JSON.parse alone, dataLimit 20 | ${x(ratios.variableVsParse20)} |`,
  `| WebSocketVariable ÷ JSON.parse alone, dataLimit 10,000 | ${x(ratios.variableVsParse10k)} |`,
  `| WebSocketVariable dataLimit 10,000 ÷ dataLimit 20 | ${x(ratios.variable10kVs20)} |`,
  `| naive store limit 10,000 ÷ limit 20 | ${x(ratios.naive10kVs20)} |`,
  `| naive store ÷ WebSocketVariable, limit 20 | ${x(ratios.naiveVsVariable20)} |`,
  `| naive store ÷ WebSocketVariable, limit 10,000 | ${x(ratios.naiveVsVariable10k)} |`,
  `| with a snapshot read per 100-message tick, limit 10,000 ÷ limit 20 | ${x(ratios.read10kVs20)} |`,
  `| one message per tick, snapshot read each, limit 10,000 ÷ limit 20 | ${x(ratios.perTick10kVs20)} |`,
  '',
  'Frames are fed synchronously into the variable (as `ws` delivers the frames of one read), so the clock is read ' +
    'once per tick; the snapshot-read rows yield every 100 messages, or after every message as a browser does. ' +
    'With a subscriber, the immutable `dataSet` list is rebuilt once per notification (per tick), which is why ' +
    'those rows grow with the limit while insertion itself does not.',
].join('\n')
const round2 = (value) => Math.round(value * 100) / 100
console.log(
  JSON.stringify({
    markdown,
    targets: [
      {
        description: 'WebSocketVariable ÷ JSON.parse alone (dataLimit 20) ≤ 1.5',
        value: round2(ratios.variableVsParse20),
        limit: 1.5,
      },
      { description: 'dataLimit 10,000 ÷ dataLimit 20 ≤ 1.2', value: round2(ratios.variable10kVs20), limit: 1.2 },
    ],
  }),
)
