// Scenarios 8 and 9: shared feeds. One proxied third-party feed (servers/feed-upstream.mjs) watched by
// many viewers (loadgen/feed-viewers.mjs) through Tether's proxy: as a shared feed (one upstream for
// everyone) against today's relay (one upstream per viewer). Then the cluster: kill -9 the instance
// holding the feed's upstream and measure how long the viewers on the other instance wait and what
// they lose or get twice.
import { join } from 'node:path'
import { freePort, LOADGEN_CORE, requestStats, spawnNode, stopProcess, waitForHttp } from '../lib/processes.mjs'
import { attempt, table, target } from '../lib/report.mjs'
import { root, startTether, tetherUnavailable } from '../lib/stacks.mjs'
import { fmt, fmtBytes, fmtRatio, median, ratio } from '../lib/stats.mjs'
import { REDIS_URL, redisReachable } from './fanout.mjs'

const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sends an IPC command and waits for the answer of `type`. */
function ask(child, message, type, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage)
      reject(new Error(`no ${type} answer within ${timeoutMs} ms:\n${child.stderrText ?? ''}`))
    }, timeoutMs)
    function onMessage(reply) {
      if (reply?.type === 'error') reject(new Error(reply.message))
      if (reply?.type !== type) return
      clearTimeout(timer)
      child.off('message', onMessage)
      resolve(reply)
    }
    child.on('message', onMessage)
    child.send(message)
  })
}

async function waitUntil(check, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

async function startUpstream() {
  const port = await freePort()
  const child = spawnNode(join(root, 'bench', 'servers', 'feed-upstream.mjs'), [String(port)], { core: LOADGEN_CORE })
  child.stdout.resume()
  await waitForHttp(`http://127.0.0.1:${port}/`, { child })
  return {
    port,
    url: `ws://127.0.0.1:${port}/prices`,
    child,
    rate: (perSec) => ask(child, { cmd: 'rate', perSec }, 'rate'),
    stats: (delivered = false) => ask(child, { cmd: 'stats', delivered }, 'stats'),
    stop: () => stopProcess(child),
  }
}

async function startViewers(fdLimit) {
  const child = spawnNode(join(root, 'bench', 'loadgen', 'feed-viewers.mjs'), [], { core: LOADGEN_CORE, fdLimit })
  child.stdout.resume()
  await new Promise((resolve, reject) => {
    child.once('message', resolve)
    child.once('exit', (code) => reject(new Error(`viewers exited (${code}):\n${child.stderrText}`)))
  })
  return {
    connect: (group, server, feedUrl, count, shared) => {
      const url = `ws://127.0.0.1:${server.port}/api/proxy?url=${encodeURIComponent(feedUrl)}${shared ? '&shared=1' : ''}`
      const headers = { cookie: server.target.cookies[0], origin: `http://127.0.0.1:${server.port}` }
      return ask(child, { cmd: 'connect', group, url, headers, count }, 'connected')
    },
    count: (on) => ask(child, { cmd: 'count', on }, 'count'),
    report: (arrivals = false) => ask(child, { cmd: 'report', arrivals }, 'report'),
    stop: async () => {
      await ask(child, { cmd: 'close' }, 'closed').catch(() => {})
      await stopProcess(child)
    },
  }
}

const cpuMicros = (stats) => stats.cpu.user + stats.cpu.system

/** One configuration of scenario 8 on a running Tether: viewers join, the feed flows, figures are read. */
async function measure(tether, upstream, { shared, viewers, rate, warmupMs, durationMs, fdLimit }) {
  await upstream.rate(0)
  const before = await requestStats(tether.child, { gc: true })
  const load = await startViewers(fdLimit)
  try {
    const connected = (await load.connect('v', tether, upstream.url, viewers, shared)).ok
    if (connected < viewers) throw new Error(`only ${connected} of ${viewers} viewers connected`)
    await upstream.rate(rate)
    await sleep(warmupMs)
    await load.count(true)
    const cpuBefore = await requestStats(tether.child)
    const t0 = performance.now()
    await sleep(durationMs)
    const cpuAfter = await requestStats(tether.child)
    const seconds = (performance.now() - t0) / 1000
    const { deliveries } = await load.count(false)
    const report = await load.report()
    const upstreamStats = await upstream.stats()
    await upstream.rate(0)
    const heap = await requestStats(tether.child, { gc: true })
    return {
      upstreamConnections: upstreamStats.open,
      deliveriesPerSec: deliveries / seconds,
      cpuPerDelivery: deliveries === 0 ? null : (cpuMicros(cpuAfter) - cpuMicros(cpuBefore)) / deliveries,
      heapPerViewer: (heap.memory.heapUsed - before.memory.heapUsed) / viewers,
      p50ms: report.p50us === null ? null : report.p50us / 1000,
      p99ms: report.p99us === null ? null : report.p99us / 1000,
      duplicates: report.groups.v?.duplicates ?? 0,
      closed: report.groups.v?.closed ?? 0,
    }
  } finally {
    await load.stop()
    // The feed's upstream closes after FEED_GRACE_MS; the next configuration starts from none.
    await waitUntil(async () => (await upstream.stats()).open === 0, 'the upstream connections to close')
  }
}

export async function sharedFeed(ctx) {
  const { log, scale } = ctx
  const notes = []
  const targets = []
  if (tetherUnavailable()) {
    notes.push(`Tether not measured: ${tetherUnavailable()}.`)
    return { body: ['Skipped.'], notes, targets: [target(8, 'Shared feed: 1 upstream connection', null, '<=', 1)] }
  }
  const configs = scale.feedConfigs
  const upstream = await startUpstream()
  let tether = null
  const results = configs.map(() => [])
  try {
    tether = await startTether({
      fdLimit: 65_536,
      env: { PROXY_ALLOW: `127.0.0.1:${upstream.port}`, FEED_MAX_VIEWERS: '1000000', FEED_GRACE_MS: '300' },
    })
    for (let run = 1; run <= ctx.runs; run++) {
      for (const [i, config] of configs.entries()) {
        const label = `feed ${config.shared ? 'shared' : 'relay'} ×${config.viewers} @${config.rate}/s run ${run}`
        const outcome = await attempt(
          label,
          () =>
            measure(tether, upstream, {
              ...config,
              warmupMs: scale.warmupMs,
              durationMs: scale.durationMs,
              fdLimit: 65_536,
            }),
          log,
        )
        if (outcome.ok) {
          results[i].push(outcome.value)
          const v = outcome.value
          log(
            `  ${label}: ${v.upstreamConnections} upstream, ${fmt(v.deliveriesPerSec)} deliveries/s, p99 ${fmt(v.p99ms)} ms`,
          )
        } else notes.push(`${label} failed: ${outcome.error}`)
      }
    }
  } finally {
    await tether?.stop()
    await upstream.stop()
  }
  const summary = results.map((rs) => {
    const pick = (key) => median(rs.map((r) => r[key]))
    return {
      upstreamConnections: pick('upstreamConnections'),
      deliveriesPerSec: pick('deliveriesPerSec'),
      cpuPerDelivery: pick('cpuPerDelivery'),
      heapPerViewer: pick('heapPerViewer'),
      p50ms: pick('p50ms'),
      p99ms: pick('p99ms'),
      duplicates: rs.reduce((sum, r) => sum + r.duplicates, 0),
      closed: rs.reduce((sum, r) => sum + r.closed, 0),
    }
  })
  const rows = configs.map((config, i) => {
    const s = summary[i]
    return [
      config.shared ? 'shared feed' : 'relay (one upstream each)',
      fmt(config.viewers),
      fmt(config.rate),
      fmt(s.upstreamConnections),
      fmt(s.deliveriesPerSec),
      fmt(s.cpuPerDelivery),
      fmtBytes(s.heapPerViewer),
      fmt(s.p50ms),
      fmt(s.p99ms),
      `${s.duplicates} / ${s.closed}`,
    ]
  })
  // The like-for-like pair: the relay and the shared feed with the same viewers and rate.
  const relayIndex = configs.findIndex((c) => !c.shared)
  const pairIndex = configs.findIndex((c) => c.shared && c.viewers === configs[relayIndex]?.viewers)
  const relay = summary[relayIndex]
  const pair = summary[pairIndex]
  const biggest =
    summary[
      configs.reduce((best, c, i) => (c.shared && c.viewers > (configs[best]?.viewers ?? 0) ? i : best), pairIndex)
    ]
  const cpuRatio = ratio(pair?.cpuPerDelivery, relay?.cpuPerDelivery)
  const heapRatio = ratio(pair?.heapPerViewer, relay?.heapPerViewer)
  targets.push(
    target(
      8,
      `Shared feed: upstream connections for ${fmt(configs.at(-1).viewers)} viewers = 1`,
      biggest?.upstreamConnections,
      '<=',
      1,
      (v) => fmt(v),
    ),
    target(8, 'Shared feed server CPU per delivery ÷ relay ≤ 1', cpuRatio, '<=', 1),
    target(8, 'Shared feed heap per viewer ÷ relay ≤ 1', heapRatio, '<=', 1),
  )
  const body = [
    `One upstream feed (\`bench/servers/feed-upstream.mjs\`, ~80-byte text messages at the rate shown) watched through \`/api/proxy\` by the viewers of \`bench/loadgen/feed-viewers.mjs\`. The relay opens one upstream connection per viewer (today's proxy); the shared feed (\`&shared=1\`) one for all. ${ctx.runs} run(s) per row, medians; latency is upstream send → viewer receive.`,
    '',
    table(
      [
        'Path',
        'Viewers',
        'msg/s',
        'Upstream connections',
        'Deliveries/s',
        'Server CPU µs / delivery',
        'Heap / viewer',
        'p50 ms',
        'p99 ms',
        'dup / closed',
      ],
      rows,
    ),
    '',
    `Shared ÷ relay at ${fmt(configs[relayIndex]?.viewers)} viewers: server CPU per delivery ${fmtRatio(cpuRatio)}, heap per viewer ${fmtRatio(heapRatio)}.`,
  ]
  return { body, notes, targets }
}

export async function feedTakeover(ctx) {
  const { log, scale } = ctx
  const notes = []
  const missing = tetherUnavailable() ?? ((await redisReachable()) ? null : `Redis is not reachable at ${REDIS_URL}`)
  const targetsFor = (seconds, lost, dups) => [
    target(9, 'Takeover: feed flows again within 5 s of kill -9', seconds, '<=', 5, (v) => fmt(v, 's')),
    target(9, 'Takeover: messages lost at viewers (beyond the upstream outage) = 0', lost, '<=', 0, (v) => fmt(v)),
    target(9, 'Takeover: messages duplicated at viewers = 0', dups, '<=', 0, (v) => fmt(v)),
  ]
  if (missing) {
    notes.push(`Not measured: ${missing}.`)
    return { body: ['Skipped.'], notes, targets: targetsFor(null, null, null) }
  }
  const upstream = await startUpstream()
  const env = {
    PROXY_ALLOW: `127.0.0.1:${upstream.port}`,
    FEED_GRACE_MS: '300',
    FEED_REDIS_PREFIX: `tether-bench:feed:${process.pid}:${Date.now()}:`,
  }
  const servers = []
  let load = null
  let outcome
  try {
    servers.push(await startTether({ redisUrl: REDIS_URL, env, fdLimit: 65_536 }))
    servers.push(await startTether({ redisUrl: REDIS_URL, env, fdLimit: 65_536 }))
    const [holder, survivor] = servers
    load = await startViewers(65_536)
    const perInstance = scale.takeoverViewers
    outcome = await attempt(
      'takeover',
      async () => {
        // The first instance to get a viewer takes the lease and holds the upstream.
        await load.connect('holder', holder, upstream.url, perInstance, true)
        await waitUntil(async () => (await upstream.stats()).open === 1, 'the holder to open the upstream')
        await load.connect('survivor', survivor, upstream.url, perInstance, true)
        await upstream.rate(100)
        await sleep(scale.warmupMs + 1000)
        const killedAt = nowMicros()
        holder.child.kill('SIGKILL')
        await waitUntil(async () => {
          const s = await upstream.stats()
          return s.accepted >= 2 && s.open >= 1
        }, 'another instance to reopen the upstream')
        await sleep(Math.max(1000, scale.durationMs))
        await upstream.rate(0)
        await sleep(500)
        const report = await load.report(true)
        const { delivered } = await upstream.stats(true)
        return { killedAt, report, delivered }
      },
      log,
    )
  } finally {
    await load?.stop()
    for (const server of servers) await server.stop()
    await upstream.stop()
  }
  if (!outcome.ok) {
    notes.push(`The takeover run failed: ${outcome.error}`)
    return { body: ['Failed.'], notes, targets: targetsFor(null, null, null), failed: true }
  }
  const { killedAt, report, delivered } = outcome.value
  const group = report.groups.survivor
  const arrivals = group.arrivals
  // The longest silence from the kill on (messages the dying holder had already stored may still
  // arrive just after it; the feed flows again at the end of the silence).
  let flowsAgain = null
  for (let k = 1; k < arrivals.length; k++) {
    const [, previous] = arrivals[k - 1]
    const [, at] = arrivals[k]
    if (at < killedAt) continue
    const gap = (at - Math.max(previous, killedAt)) / 1e6
    if (flowsAgain === null || gap > flowsAgain) flowsAgain = gap
  }
  // Numbers the tracked viewer never got: sent to nobody (the outage), written to the holder's socket
  // after it was killed (the upstream had not seen the connection drop yet), or lost on the way.
  const seen = new Set(arrivals.map(([i]) => i))
  const sentAt = new Map(delivered)
  const first = arrivals[0]?.[0] ?? 0
  const last = arrivals.at(-1)?.[0] ?? 0
  let lost = 0
  let outage = 0
  for (let i = first; i <= last; i++) {
    if (seen.has(i)) continue
    const at = sentAt.get(i)
    if (at !== undefined && at < killedAt) lost++
    else outage++
  }
  const body = [
    `Two Tether instances with Redis (default \`FEED_LEASE_MS\` = 3 s), ${fmt(scale.takeoverViewers)} viewers of one shared feed on each, the upstream sending 100 msg/s. The instance holding the upstream is killed with SIGKILL; the figures are read at a viewer on the other instance.`,
    '',
    table(
      [
        'Seconds until the feed flows again',
        'Sent during the gap (to nobody or to the killed holder)',
        'Lost (sent before the kill)',
        'Duplicated (all survivor viewers)',
        'Survivor viewers still open',
      ],
      [
        [
          fmt(flowsAgain),
          fmt(outage),
          fmt(lost),
          fmt(group.duplicates),
          `${group.open} of ${fmt(scale.takeoverViewers)}`,
        ],
      ],
    ),
  ]
  return { body, notes, targets: targetsFor(flowsAgain, lost, group.duplicates) }
}
