// `npm run bench`: every scenario side by side with its baseline, in one run, written to BENCHMARKS.md.
//
//   node bench/run.mjs                  full pass (several runs per figure, medians; ~10 minutes)
//   node bench/run.mjs --smoke          a second or two per scenario, tiny rooms: proves the scripts work
//   options: --out FILE (default BENCHMARKS.md)  --runs N  --only 1,3,7  --profile (CPU-profile Tether)
//
// Exits 1 when a measurement failed (the report is still written, with the failure in it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism, loadavg, release, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { chatDefaults } from './lib/chat-run.mjs'
import { pinningNotice } from './lib/processes.mjs'
import { table, verdict } from './lib/report.mjs'
import { root, StackPool, setTetherProfiling, startTimeout } from './lib/stacks.mjs'
import { chatBroadcast, fixedLoadLatency } from './scenarios/broadcast.mjs'
import { browserRendering, clientIngestion, protocolIngestion } from './scenarios/external.mjs'
import { redisFanOut } from './scenarios/fanout.mjs'
import { idleConnections } from './scenarios/idle.mjs'
import { feedTakeover, sharedFeed } from './scenarios/shared-feed.mjs'
import { startupAndSize } from './scenarios/startup.mjs'

/** The report's scenario headings; bench/smoke.test.ts checks each one is written. */
const SCENARIOS = [
  { id: 1, title: '1. Chat broadcast', run: chatBroadcast },
  { id: 2, title: '2. Latency at fixed load', run: fixedLoadLatency },
  { id: 3, title: '3. Idle connections', run: idleConnections },
  { id: 4, title: '4. Redis fan-out', run: redisFanOut },
  { id: 5, title: '5. Client ingestion', run: clientIngestion, external: true },
  { id: 6, title: '6. Browser rendering', run: browserRendering, external: true },
  { id: 7, title: '7. Start-up and size', run: startupAndSize },
  { id: 8, title: '8. Shared feed', run: sharedFeed },
  { id: 9, title: '9. Shared feed takeover', run: feedTakeover },
  { id: 10, title: '10. Protocols: ingest and size', run: protocolIngestion, external: true },
]

const SCALES = {
  full: {
    runs: 3,
    roomSizes: [100, 1000],
    // Messages posted but not yet delivered to every member. Throughput is measured at saturation: a
    // small window measures round-trip latency instead, which penalizes a server that stores each
    // message before delivering it (as Tether's chat does) more than one that only relays it.
    window: 32,
    warmupMs: 1000,
    durationMs: 4000,
    fixedMembers: 1000,
    fixedDurationMs: 5000,
    idleClients: 10_000,
    settleMs: 1000,
    fanoutMembers: 1000,
    // Sized for 2 cores: ~100,000 deliveries/s in each row (10,000 viewers × 10 msg/s is as many
    // deliveries as 1,000 × 100); the relay row is the like-for-like baseline of the 1,000 row.
    feedConfigs: [
      { shared: false, viewers: 1000, rate: 100 },
      { shared: true, viewers: 1000, rate: 100 },
      { shared: true, viewers: 10_000, rate: 10 },
    ],
    takeoverViewers: 1000,
  },
  smoke: {
    runs: 1,
    roomSizes: [10, 20],
    window: 4,
    warmupMs: 100,
    durationMs: 300,
    fixedMembers: 20,
    fixedDurationMs: 300,
    idleClients: 50,
    settleMs: 100,
    fanoutMembers: 20,
    feedConfigs: [
      { shared: false, viewers: 10, rate: 20 },
      { shared: true, viewers: 10, rate: 20 },
      { shared: true, viewers: 20, rate: 20 },
    ],
    takeoverViewers: 5,
  },
}

const loadAtStart = loadavg()[0]

function parseArgs(argv) {
  const args = { smoke: false, out: join(root, 'BENCHMARKS.md'), runs: null, only: null, profile: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--smoke') args.smoke = true
    else if (arg === '--profile') args.profile = true
    else if (arg === '--out') args.out = resolve(argv[++i] ?? '')
    else if (arg === '--runs') args.runs = Number(argv[++i])
    else if (arg === '--only') args.only = new Set((argv[++i] ?? '').split(',').map(Number))
    else {
      console.error(`bench: unknown option ${arg}. Options: --smoke, --out FILE, --runs N, --only 1,3, --profile`)
      process.exit(2)
    }
  }
  return args
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : ''
  const model = cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? 'unknown'
  const require = createRequire(import.meta.url)
  const version = (name) => {
    try {
      return require(`${name}/package.json`).version
    } catch {
      return 'not installed'
    }
  }
  return [
    ['CPU', model],
    ['Cores (nproc)', String(availableParallelism())],
    ['Memory', `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`],
    ['Node.js', process.version],
    ['Kernel', `${process.platform} ${release()}`],
    [
      'ws / socket.io / @socket.io/redis-adapter',
      ['ws', 'socket.io', '@socket.io/redis-adapter'].map(version).join(' / '),
    ],
    ['Pinning', pinningNotice()],
    // Other work on the machine shows up here: figures from a loaded machine are noisy.
    ['Load average (1 min) at start / end', `${loadAtStart.toFixed(1)} / ${loadavg()[0].toFixed(1)}`],
  ]
}

function command(argv) {
  const rest = argv.join(' ')
  if (process.env.npm_lifecycle_event === 'bench') return `npm run bench${rest ? ` -- ${rest}` : ''}`
  return `node bench/run.mjs${rest ? ` ${rest}` : ''}`
}

async function main() {
  const argv = process.argv.slice(2)
  const args = parseArgs(argv)
  const scale = { ...SCALES[args.smoke ? 'smoke' : 'full'] }
  const runs = args.runs ?? scale.runs
  const failures = []
  const log = (message) => console.log(message)
  log.failed = (label, message) => failures.push(`${label}: ${message}`)
  if (args.smoke) startTimeout.ms = 60_000
  if (args.profile) setTetherProfiling(join(root, 'bench', 'profiles'))
  const ctx = { smoke: args.smoke, runs, scale, log, pool: new StackPool() }
  chatDefaults.readyTimeoutMs = args.smoke ? 10_000 : 30_000
  const started = Date.now()
  const runScenario = async (scenario) => {
    log(`bench: ${scenario.title}`)
    const t0 = Date.now()
    let section
    try {
      section = await scenario.run(ctx)
    } catch (error) {
      failures.push(`${scenario.title}: ${error.stack ?? error}`)
      section = { body: [`The scenario failed: ${String(error.message ?? error)}`], notes: [], targets: [] }
    }
    if (section.failed) failures.push(`${scenario.title}: see its notes`)
    log(`bench: ${scenario.title} took ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    return { ...scenario, ...section }
  }
  const selected = SCENARIOS.filter((s) => !args.only || args.only.has(s.id))
  // A smoke pass times nothing, so the slow self-contained scripts (5, 6, 8) run alongside the rest;
  // a full pass runs one scenario at a time so none disturbs another's figures.
  const alongside = args.smoke ? selected.filter((s) => s.external) : []
  const background = alongside.map(runScenario)
  const sections = []
  for (const scenario of selected) if (!alongside.includes(scenario)) sections.push(await runScenario(scenario))
  sections.push(...(await Promise.all(background)))
  sections.sort((a, b) => a.id - b.id)
  await ctx.pool.stopAll()
  const report = render({ args, argv, runs, scale, sections, seconds: (Date.now() - started) / 1000 })
  writeFileSync(args.out, report)
  log(`bench: wrote ${args.out} in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  if (failures.length) {
    console.error(`bench: ${failures.length} measurement(s) failed:\n- ${failures.join('\n- ')}`)
    process.exit(1)
  }
}

function render({ args, argv, runs, scale, sections, seconds }) {
  const targets = sections.flatMap((s) => s.targets ?? [])
  const findings = join(root, 'bench', 'findings.md')
  const lines = [
    '# Tether benchmarks',
    '',
    args.smoke
      ? '> **Smoke pass**: tiny rooms and sub-second windows, to prove the scripts work. These figures mean nothing.'
      : `> Generated by \`${command(argv)}\` on ${new Date().toISOString().slice(0, 10)} in ${Math.round(seconds)} s.`,
    '',
    `Command: \`${command(argv)}\``,
    '',
    '## Machine',
    '',
    table(['', ''], machine()),
    '',
    '## Method',
    '',
    '- Load generator and servers are separate processes pinned to separate cores (see Machine); traffic stays',
    '  on 127.0.0.1; permessage-deflate is off on every server and client.',
    '- Every figure is the median of the runs shown; stacks are interleaved within each run, so noise from a',
    '  shared machine falls on all of them alike. Ratios are Tether ÷ baseline.',
    '- One load generator (a Node process on one core) drives every stack with the same `ws` client code; it',
    "  speaks Socket.IO's wire protocol itself rather than use socket.io-client, so the client side costs the",
    '  same per message for every stack. When both processes are near 100 % CPU the load generator limits',
    '  deliveries/s for all stacks, which pulls throughput ratios towards 1: "server CPU µs per delivery" is the',
    "  figure that compares the servers' own efficiency in that case.",
    '- Tether runs its production server (`packages/server/dist/main.js`) as `npm start` does: demo mode,',
    '  embedded SQLite in a fresh temporary DATA_DIR, `LOG_LEVEL=warn`. Its chat authenticates every connection',
    "  with a session cookie (one login per demo user, cookies shared by that user's connections) and inserts",
    '  every posted message into `chat_message` before broadcasting it: that per-message database write is part',
    "  of Tether's real behaviour and is included in its figures; the baselines store nothing.",
    `- Runs per figure: ${runs}.${args.smoke ? '' : ` Measured window: ${scale.durationMs / 1000} s after ${scale.warmupMs / 1000} s warm-up.`}`,
    '',
    '## Targets',
    '',
    table(
      ['#', 'Target', 'Measured', 'Verdict'],
      targets.map((t) => [t.scenario, t.description, t.measured, verdict(t.met)]),
    ),
    '',
  ]
  for (const section of sections) {
    lines.push(`## ${section.title}`, '', ...section.body, '')
    if (section.notes?.length) lines.push(...section.notes.map((n) => `- ${n}`), '')
  }
  if (existsSync(findings)) lines.push(readFileSync(findings, 'utf8').trim(), '')
  return `${lines.join('\n')}\n`
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
