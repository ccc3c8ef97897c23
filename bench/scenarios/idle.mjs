// Scenario 3: memory per idle connection. A fresh server per run: memory after a full GC with no
// clients, then with N members connected to one chat room (and proven joined by a probe message),
// after another full GC. The difference ÷ N is the cost of one connection.
import { runChat } from '../lib/chat-run.mjs'
import { requestStats } from '../lib/processes.mjs'
import { attempt, table, target } from '../lib/report.mjs'
import { startRawWs, startSocketIo, startTether, tetherUnavailable } from '../lib/stacks.mjs'
import { fmtBytes, fmtRatio, median, ratio } from '../lib/stats.mjs'

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function measureOnce(start, clients, settleMs, fdLimit) {
  const server = await start({ fdLimit })
  try {
    await sleep(settleMs) // let start-up work (timers, JIT, pools) finish before the baseline
    const before = await requestStats(server.child, { gc: true })
    if (!before.gcExposed) throw new Error('the server was not started with --expose-gc')
    return await runChat([server], {
      members: clients,
      senders: 1,
      mode: 'idle',
      connectConcurrency: 100,
      fdLimit,
      onHolding: async () => {
        await sleep(settleMs)
        const after = await requestStats(server.child, { gc: true })
        await server.stop() // server first: its side keeps TIME_WAIT, the load generator's ports stay free
        const per = (key) => (after.memory[key] - before.memory[key]) / clients
        return { heap: per('heapUsed'), rss: per('rss'), external: per('external') }
      },
    })
  } finally {
    await server.stop()
  }
}

export async function idleConnections(ctx) {
  const { log, scale } = ctx
  const clients = scale.idleClients
  const fdLimit = clients + 1024
  const stacks = [
    ['plain ws', startRawWs],
    ['Socket.IO', startSocketIo],
    ['Tether', startTether],
  ]
  const notes = []
  const results = new Map()
  for (let run = 1; run <= ctx.runs; run++) {
    for (const [name, start] of stacks) {
      if (name === 'Tether' && tetherUnavailable()) continue
      const outcome = await attempt(
        `idle ${name} run ${run}`,
        () => measureOnce(start, clients, scale.settleMs, fdLimit),
        log,
      )
      if (!results.has(name)) results.set(name, { values: [], errors: [] })
      if (outcome.ok) {
        results.get(name).values.push(outcome.value)
        log(
          `  idle ${name} run ${run}: heap ${fmtBytes(outcome.value.heap)}/conn, RSS ${fmtBytes(outcome.value.rss)}/conn`,
        )
      } else results.get(name).errors.push(outcome.error)
    }
  }
  if (tetherUnavailable()) notes.push(`Tether not measured: ${tetherUnavailable()}.`)
  const s = {}
  for (const [name, { values, errors }] of results) {
    s[name] = {
      heap: median(values.map((v) => v.heap)),
      rss: median(values.map((v) => v.rss)),
      external: median(values.map((v) => v.external)),
    }
    for (const e of errors) notes.push(`${name}: a run failed: ${e}`)
  }
  const rows = Object.entries(s).map(([name, v]) => [
    name,
    fmtBytes(v.heap),
    fmtRatio(ratio(v.heap, s['plain ws']?.heap)),
    fmtRatio(ratio(v.heap, s['Socket.IO']?.heap)),
    fmtBytes(v.rss),
    fmtRatio(ratio(v.rss, s['plain ws']?.rss)),
    fmtRatio(ratio(v.rss, s['Socket.IO']?.rss)),
    fmtBytes(v.external),
  ])
  const body = [
    `${clients.toLocaleString('en-US')} clients connected to one chat room and idle. Per connection: (after − before) ÷ clients,`,
    `both read after two full GCs (\`--expose-gc\`). Fresh server per run, ${ctx.runs} run(s), medians.`,
    'RSS is coarse (pages, allocator arenas) and noisier than heap; read it as an order of magnitude.',
    '',
    table(
      [
        'Stack',
        'Heap / conn',
        'vs plain ws',
        'vs Socket.IO',
        'RSS / conn',
        'vs plain ws',
        'vs Socket.IO',
        'External / conn',
      ],
      rows,
    ),
  ]
  const tether = s.Tether
  const targets = [
    target(3, 'Tether heap/conn ÷ plain ws ≤ 1.5', ratio(tether?.heap, s['plain ws']?.heap), '<=', 1.5),
    target(3, 'Tether heap/conn ÷ Socket.IO ≤ 0.75', ratio(tether?.heap, s['Socket.IO']?.heap), '<=', 0.75),
    target(3, 'Tether RSS/conn ÷ plain ws ≤ 1.5', ratio(tether?.rss, s['plain ws']?.rss), '<=', 1.5),
    target(3, 'Tether RSS/conn ÷ Socket.IO ≤ 0.75', ratio(tether?.rss, s['Socket.IO']?.rss), '<=', 0.75),
  ]
  return { body, notes, targets }
}
