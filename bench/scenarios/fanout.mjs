// Scenario 4: Redis fan-out. One room whose members are split evenly over two server instances that
// share Redis, against the same room on a single instance without Redis. The ratio (two ÷ one) says
// what scaling out costs; Tether's ratio is compared with Socket.IO's (@socket.io/redis-adapter).
import { createConnection } from 'node:net'
import { runChat } from '../lib/chat-run.mjs'
import { attempt, table, target } from '../lib/report.mjs'
import { startSocketIo, startTether, tetherUnavailable } from '../lib/stacks.mjs'
import { fmt, fmtRatio, median, ratio } from '../lib/stats.mjs'

export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'

export function redisReachable() {
  const { hostname, port } = new URL(REDIS_URL)
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) })
    socket.setTimeout(1000)
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

export async function redisFanOut(ctx) {
  const { log, scale } = ctx
  const notes = []
  if (!(await redisReachable())) {
    notes.push(`Not measured: Redis is not reachable at ${REDIS_URL} (set BENCH_REDIS_URL).`)
    return { body: ['Skipped.'], notes, targets: [target(4, 'Tether two-instance ratio ≥ 0.7', null, '>=', 0.7)] }
  }
  const configs = [
    { stack: 'Socket.IO', instances: 1, start: () => ctx.pool.get('Socket.IO'), shared: true },
    { stack: 'Socket.IO', instances: 2, start: () => startSocketIo({ redisUrl: REDIS_URL }) },
  ]
  // The second Tether instance shares the first one's database (see startTether).
  if (tetherUnavailable()) notes.push(`Tether not measured: ${tetherUnavailable()}.`)
  else {
    configs.push(
      { stack: 'Tether', instances: 1, start: () => ctx.pool.get('Tether'), shared: true },
      {
        stack: 'Tether',
        instances: 2,
        start: (first) => startTether({ redisUrl: REDIS_URL, dataDir: first?.dataDir }),
      },
    )
  }
  const live = []
  try {
    for (const config of configs) {
      const servers = []
      for (let i = 0; i < config.instances; i++) {
        const started = await attempt(
          `starting ${config.stack} ×${config.instances}`,
          () => config.start(servers[0]),
          log,
        )
        if (started.ok) servers.push(started.value)
        else notes.push(`${config.stack} ×${config.instances} could not start: ${started.error}`)
      }
      if (!config.shared) live.push(...servers)
      config.servers = servers.length === config.instances ? servers : null
      config.results = []
    }
    const options = {
      members: scale.fanoutMembers,
      senders: 4,
      mode: 'flood',
      window: scale.window,
      warmupMs: scale.warmupMs,
      durationMs: scale.durationMs,
    }
    for (let run = 1; run <= ctx.runs; run++) {
      for (const config of configs) {
        if (!config.servers) continue
        const label = `fan-out ${config.stack} ×${config.instances} run ${run}`
        const outcome = await attempt(label, () => runChat(config.servers, options), log)
        if (outcome.ok) {
          config.results.push(outcome.value)
          log(`  ${label}: ${fmt(outcome.value.deliveriesPerSec)} deliveries/s, p99 ${fmt(outcome.value.p99ms)} ms`)
        } else notes.push(`${label} failed: ${outcome.error}`)
      }
    }
  } finally {
    // Reverse order: an instance sharing another's database stops before the owner removes it.
    for (const server of live.reverse()) await server.stop()
  }
  const summary = (stack, instances) => {
    const c = configs.find((x) => x.stack === stack && x.instances === instances)
    const results = c?.results ?? []
    return {
      deliveriesPerSec: median(results.map((r) => r.deliveriesPerSec)),
      p50ms: median(results.map((r) => r.p50ms)),
      p99ms: median(results.map((r) => r.p99ms)),
      cpu: median(results.map((r) => r.serverCpuMicrosPerDelivery)),
    }
  }
  const rows = []
  const ratios = {}
  for (const stack of ['Tether', 'Socket.IO']) {
    const one = summary(stack, 1)
    const two = summary(stack, 2)
    ratios[stack] = ratio(two.deliveriesPerSec, one.deliveriesPerSec)
    rows.push(
      [stack, '1 (in-process)', fmt(one.deliveriesPerSec), '1.00×', fmt(one.p50ms), fmt(one.p99ms), fmt(one.cpu)],
      [
        stack,
        '2 + Redis',
        fmt(two.deliveriesPerSec),
        fmtRatio(ratios[stack]),
        fmt(two.p50ms),
        fmt(two.p99ms),
        fmt(two.cpu),
      ],
    )
  }
  const body = [
    `${fmt(scale.fanoutMembers)} members in one room, 4 posting as fast as the room takes them (window ${scale.window}).`,
    'With two instances, members alternate between them (so do the senders) and every message crosses Redis.',
    "Tether's two instances share one database (one SQLite file in WAL mode): Redis only announces a new",
    "message id, and each instance reads the message from the database, Tether's guarantee of one order and",
    'no loss across instances.',
    `Both instances share the one server core, so "2 + Redis" measures the cost of the Redis hop, not extra`,
    `capacity; Redis itself (${REDIS_URL}) runs unpinned. ${ctx.runs} interleaved run(s), medians.`,
    '',
    table(['Stack', 'Instances', 'Deliveries/s', 'vs 1 instance', 'p50 ms', 'p99 ms', 'Server CPU µs/delivery'], rows),
  ]
  const targets = [
    target(4, 'Tether 2 instances + Redis ÷ 1 instance ≥ 0.7', ratios.Tether, '>=', 0.7),
    target(
      4,
      "Tether's ratio ÷ Socket.IO's ratio ≥ 1 (better than Socket.IO)",
      ratio(ratios.Tether, ratios['Socket.IO']),
      '>=',
      1,
    ),
  ]
  return { body, notes, targets }
}
