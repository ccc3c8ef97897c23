// Browser rendering under a stream: 1,000 messages/s from a real `ws` server into a Tether page with a
// virtualized DataTable (dataLimit 1,000) and a line Chart bound to the same WebSocket variable, in
// headless Chromium. Measures frames per second (rAF), long tasks, main-thread busy time, widget
// renders per frame (the runtime's `?stats=1` counter) and messages received; then the same Chart alone
// against uPlot's own streaming approach (a bare page: uPlot + raw WebSocket + setData once per frame).
//
//   node bench/browser-render.mjs            ~10 s per run, three runs (≈45 s)
//   node bench/browser-render.mjs --smoke    ~1 s per run (≈12 s with start-up): proves the script works
//   options: --seconds N  --rate N (messages/s, default 1000)  --profile (top self-time functions on stderr)
//
// Prints a human table, a `RESULT {...}` JSON line, and a `{"markdown", "targets"}` line for bench/run.mjs.
// Serves packages/react/dist-app (built when missing; rebuilt when older than the sources, except --smoke).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { appBundleState, APP_BUNDLE_DIR as appDir, buildAppBundle } from '../e2e/support/app-bundle.mjs'
import { hasChromium, launchChromium } from '../e2e/support/chromium.mjs'
import { project, startServer } from './lib/render-stream-server.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))

function parseArgs(argv) {
  const args = { smoke: false, seconds: null, rate: 1000, profile: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--smoke') args.smoke = true
    else if (arg === '--seconds') args.seconds = Number(argv[++i])
    else if (arg === '--rate') args.rate = Number(argv[++i])
    else if (arg === '--profile') args.profile = true
    else {
      console.error(`browser-render: unknown option ${arg}. Options: --smoke, --seconds N, --rate N, --profile`)
      process.exit(2)
    }
  }
  return args
}

const args = parseArgs(process.argv.slice(2))
const MEASURE_MS = (args.seconds ?? (args.smoke ? 1 : 10)) * 1000
// Long enough for the dataset to fill to its limit: what is measured is the steady state (every message evicts one row).
const WARMUP_MS = args.smoke ? 1000 : 2500
const RATE = args.rate
const DATA_LIMIT = 1000
const log = (...parts) => console.error('[browser-render]', ...parts)

/** A bundle built with NODE_ENV≠production carries React's development build: measuring it means nothing. */
function isDevelopmentBundle() {
  const assets = join(appDir, 'assets')
  if (!existsSync(assets)) return false
  return readdirSync(assets).some((f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes('jsxDEV'))
}

function ensureBundle() {
  const state = appBundleState()
  const development = state !== 'missing' && isDevelopmentBundle()
  if (state === 'current' && !development) return
  if (development) log("dist-app holds React's development build: rebuilding for production…")
  else if (state === 'stale' && args.smoke)
    return log('dist-app is older than the sources; measuring it anyway (--smoke does not build)')
  else log(state === 'missing' ? 'building dist-app…' : 'dist-app is older than the sources: rebuilding…')
  buildAppBundle('warn')
}

// ---- measuring ----------------------------------------------------------------------------------------

// Installed before any page script: frame and long-task counters, and a message counter on every socket.
const PROBE = () => {
  const probe = { frames: 0, longTasks: 0, longTaskMs: 0, longTaskMax: 0, messages: 0 }
  window.__probe = probe
  const tick = () => {
    probe.frames++
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks++
      probe.longTaskMs += entry.duration
      probe.longTaskMax = Math.max(probe.longTaskMax, entry.duration)
    }
  }).observe({ type: 'longtask', buffered: false })
  const Native = window.WebSocket
  window.WebSocket = class extends Native {
    constructor(...a) {
      super(...a)
      this.addEventListener('message', () => probe.messages++)
    }
  }
}

const read = (page) =>
  page.evaluate(() => ({
    ...window.__probe,
    renders: window.__tetherStats?.renders ?? null,
    byWidget: { ...(window.__tetherStats?.byWidget ?? {}) },
  }))

async function measure(browser, url, ready) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.addInitScript(PROBE)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.goto(url)
  await page.waitForFunction(ready, null, { timeout: 15_000 })
  await page.waitForTimeout(WARMUP_MS)
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics')
    return Object.fromEntries(list.map((m) => [m.name, m.value]))
  }
  await page.evaluate(() => {
    window.__probe.longTaskMax = 0
  })
  const a = await read(page)
  const ma = await metrics()
  const started = performance.now()
  if (args.profile) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.start')
  }
  await page.waitForTimeout(MEASURE_MS)
  const b = await read(page)
  const mb = await metrics()
  if (args.profile) printProfile(url, (await cdp.send('Profiler.stop')).profile)
  const seconds = (performance.now() - started) / 1000
  const rows = await page.evaluate(
    () => document.querySelectorAll('[data-widget="table"] tbody tr:not(.tether-table-spacer)').length,
  )
  const points = await page.evaluate(() =>
    Number(document.querySelector('[data-widget="chart"]')?.getAttribute('data-points') ?? -1),
  )
  await page.close()
  const frames = b.frames - a.frames
  const byWidget = {}
  for (const [name, count] of Object.entries(b.byWidget))
    byWidget[name] = round((count - (a.byWidget[name] ?? 0)) / frames, 2)
  return {
    fps: round(frames / seconds, 1),
    longTasks: b.longTasks - a.longTasks,
    longTaskMs: round(b.longTaskMs - a.longTaskMs, 0),
    longTaskMax: round(Math.max(0, b.longTaskMax), 0),
    // Main-thread busy time per second of wall clock (CDP TaskDuration), the cost of keeping up.
    busyMsPerS: round(((mb.TaskDuration - ma.TaskDuration) * 1000) / seconds, 0),
    scriptMsPerS: round(((mb.ScriptDuration - ma.ScriptDuration) * 1000) / seconds, 0),
    messagesPerS: round((b.messages - a.messages) / seconds, 0),
    rendersPerFrame: b.renders === null ? null : round((b.renders - a.renders) / frames, 2),
    rendersPerFrameByWidget: b.renders === null ? null : byWidget,
    tableRowsInDom: rows,
    chartPoints: points,
    errors,
  }
}

/** The functions with the most self time in a CPU profile, on stderr (for finding what to fix). */
function printProfile(url, profile) {
  const self = new Map()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const counts = new Map()
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1)
  const total = profile.samples.length
  for (const [id, count] of counts) {
    const { callFrame: f } = byId.get(id)
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + count)
  }
  log(`profile of ${url} (self time, % of samples):`)
  for (const [key, count] of [...self].sort((x, y) => y[1] - x[1]).slice(0, 25))
    log(`  ${((count / total) * 100).toFixed(1).padStart(5)}%  ${key}`)
}

function round(value, digits) {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

// ---- main -----------------------------------------------------------------------------------------------

ensureBundle()
if (!hasChromium('browser-render')) process.exit(1)
const server = await startServer({ root, rate: RATE, dataLimit: DATA_LIMIT })
const browser = await launchChromium()
const wsUrl = `${server.origin.replace('http', 'ws')}/stream`
const tetherReady = () => document.querySelector('[data-widget="connection"]')?.getAttribute('data-state') === 'open'
let results
try {
  server.serve(project(wsUrl, true, DATA_LIMIT))
  log(`Tether table + chart, ${RATE} msg/s, ${MEASURE_MS / 1000} s…`)
  const tether = await measure(browser, `${server.origin}/apps/bench/?stats=1#/Main`, tetherReady)
  server.serve(project(wsUrl, false, DATA_LIMIT))
  log('Tether chart alone…')
  const chart = await measure(browser, `${server.origin}/apps/bench/?stats=1#/Main`, tetherReady)
  log('uPlot streaming baseline…')
  const uplot = await measure(browser, `${server.origin}/baseline.html`, () => window.__probe.messages > 0)
  results = { tether, chart, uplot }
} finally {
  await browser.close()
  await server.close()
}

const { tether, chart, uplot } = results
const busyRatio = uplot.busyMsPerS > 0 ? round(chart.busyMsPerS / uplot.busyMsPerS, 2) : null
const summary = {
  rate: RATE,
  dataLimit: DATA_LIMIT,
  seconds: MEASURE_MS / 1000,
  smoke: args.smoke,
  tether,
  chartOnly: chart,
  uplotBaseline: uplot,
  chartVsUplotBusyRatio: busyRatio,
  chartVsUplotFpsRatio: uplot.fps > 0 ? round(chart.fps / uplot.fps, 2) : null,
}

const header =
  '| run | fps | long tasks (count / total ms / max ms) | main thread busy ms/s | script ms/s | msg/s | renders/frame |'
const line = (name, r) =>
  `| ${name} | ${r.fps} | ${r.longTasks} / ${r.longTaskMs} / ${r.longTaskMax} | ${r.busyMsPerS} | ${r.scriptMsPerS} | ${r.messagesPerS} | ${r.rendersPerFrame ?? '–'} |`
const markdown = [
  `${RATE} messages/s for ${MEASURE_MS / 1000} s per run into a dataset of ${DATA_LIMIT} (headless Chromium, software rendering).`,
  '',
  header,
  '|---|---|---|---|---|---|---|',
  line('Tether: virtualized DataTable + line Chart', tether),
  line('Tether: line Chart alone', chart),
  line('uPlot alone (raw WebSocket, setData per frame)', uplot),
  '',
  `Tether Chart ÷ bare uPlot, main-thread busy time: **${busyRatio ?? '–'}×**. Renders per frame by widget (table + chart run): ${JSON.stringify(tether.rendersPerFrameByWidget)}.`,
  ...[tether, chart, uplot].flatMap((r) =>
    r.errors.length ? [`Page errors: ${r.errors.slice(0, 3).join('; ')}`] : [],
  ),
].join('\n')

console.log(markdown)
console.log(`RESULT ${JSON.stringify(summary)}`)
console.log(
  JSON.stringify({
    markdown,
    targets: [
      {
        description: 'Tether table + chart: frames per second ≥ 50',
        value: tether.fps,
        op: '>=',
        limit: 50,
        unit: 'fps',
      },
      { description: 'Tether Chart ÷ bare uPlot main-thread time ≤ 2', value: busyRatio, limit: 2 },
      { description: 'Widget renders per frame (table + chart page) ≤ 3', value: tether.rendersPerFrame, limit: 3 },
    ],
  }),
)
const failed = [tether, chart, uplot].some((r) => r.messagesPerS < RATE * 0.5 || r.errors.length > 0)
process.exit(failed ? 1 : 0)
