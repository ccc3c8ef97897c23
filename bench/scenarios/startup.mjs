// Scenario 7: start-up time (spawn → first 200 on `/`) and the JavaScript a browser downloads.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, extname, join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { freePort, SERVER_CORE, spawnNode, stopProcess, waitForHttp } from '../lib/processes.mjs'
import { attempt, table, target } from '../lib/report.mjs'
import { root, tetherMain, tetherUnavailable } from '../lib/stacks.mjs'
import { fmt, fmtBytes, fmtRatio, median, ratio } from '../lib/stats.mjs'

async function timeToFirstPage(script, dataDir) {
  const port = await freePort()
  const started = performance.now()
  const child = spawnNode(script, [], {
    core: SERVER_CORE,
    cwd: root,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      TETHER_DEMO: '1',
      LOG_LEVEL: 'warn',
      REDIS_URL: '',
    },
  })
  child.stdout.resume()
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, { child, intervalMs: 2 })
    return performance.now() - started
  } finally {
    await stopProcess(child)
  }
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  )
}

function bundleSizes() {
  const dist = join(root, 'packages', 'react', 'dist-app')
  if (!existsSync(dist)) return null
  const files = walk(dist).filter((f) => /\.(m?js)$/.test(f))
  return files.map((file) => {
    const bytes = readFileSync(file)
    return { file: relative(root, file), raw: statSync(file).size, gzip: gzipSync(bytes, { level: 9 }).length }
  })
}

function projectSizes() {
  const dir = join(root, 'examples')
  if (!existsSync(dir)) return []
  return walk(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file: relative(root, file), gzip: gzipSync(readFileSync(file), { level: 9 }).length }))
}

/** What each showcase app's pages use: widget types and service protocols, from its project files. */
function projectUses(projectDir) {
  const types = new Set()
  const visit = (node) => {
    if (typeof node?.type === 'string') types.add(node.type)
    // A DataTable without a positive pageSize scrolls, and loads its virtualized rows (VirtualTable.tsx).
    if (node?.type === 'DataTable' && !(node.props?.pageSize > 0)) types.add('VirtualTable')
    for (const child of node?.children ?? []) visit(child)
  }
  const json = (file) => JSON.parse(readFileSync(file, 'utf8'))
  const inFolder = (folder, suffix) =>
    existsSync(join(projectDir, folder)) ? walk(join(projectDir, folder)).filter((f) => f.endsWith(suffix)) : []
  for (const page of inFolder('pages', '.page.json')) for (const node of json(page).widgets ?? []) visit(node)
  const protocols = new Set(inFolder('services', '.service.json').map((f) => json(f).protocol ?? 'websocket'))
  return { types, protocols }
}

// Gate of issue 11: what the Chat Room and the Heartrate Monitor download, gzipped.
const APP_GOALS_KIB = { chatroom: 120, heartrate: 150 }

/**
 * The JavaScript each example app downloads: the entry chunk with its imports, plus the lazy chunks its
 * pages load — a widget's chunk is the module named after its type (`widgets/Chart.tsx` for "Chart"),
 * a scrolling DataTable's `widgets/VirtualTable.tsx`,
 * a protocol's is `protocols/<protocol>/`. Read from Vite's manifest; an XML parser chunk (loaded only
 * when an XML frame arrives) counts for no app, since both showcase services send JSON.
 */
function appDownloads(dist, sizes) {
  const manifestFile = join(dist, '.vite', 'manifest.json')
  if (!existsSync(manifestFile)) return null
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
  const closure = (key, files) => {
    const chunk = manifest[key]
    if (!chunk || files.has(chunk.file)) return files
    files.add(chunk.file)
    for (const imported of chunk.imports ?? []) closure(imported, files)
    return files
  }
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry)
  const examples = join(root, 'examples')
  return readdirSync(examples)
    .filter((name) => existsSync(join(examples, name, 'tether.json')))
    .map((app) => {
      const { types, protocols } = projectUses(join(examples, app))
      const files = closure(entry, new Set())
      for (const [key, chunk] of Object.entries(manifest)) {
        if (!chunk.isDynamicEntry) continue
        const widget = types.has(basename(key, extname(key)))
        const protocol = [...protocols].some((name) => key.includes(`/protocols/${name}/`))
        if (widget || protocol) closure(key, files)
      }
      const chosen = sizes.filter((f) => files.has(relative(dist, join(root, f.file))))
      return {
        app,
        files: chosen.map((f) => basename(f.file)),
        raw: chosen.reduce((s, f) => s + f.raw, 0),
        gzip: chosen.reduce((s, f) => s + f.gzip, 0),
      }
    })
}

export async function startupAndSize(ctx) {
  const { log } = ctx
  const notes = []
  const targets = []
  const samples = { hello: [], cold: [], warm: [] }
  const hello = join(root, 'bench', 'servers', 'http-hello.mjs')
  const runs = ctx.smoke ? 1 : 5
  for (let run = 1; run <= runs; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tether-start-'))
    try {
      const h = await attempt('start-up node:http', () => timeToFirstPage(hello, dataDir), log)
      if (h.ok) samples.hello.push(h.value)
      if (!tetherUnavailable()) {
        const cold = await attempt('start-up Tether (new DATA_DIR)', () => timeToFirstPage(tetherMain, dataDir), log)
        if (cold.ok) samples.cold.push(cold.value)
        else notes.push(`Tether start-up failed: ${cold.error}`)
        const warm = await attempt(
          'start-up Tether (existing DATA_DIR)',
          () => timeToFirstPage(tetherMain, dataDir),
          log,
        )
        if (warm.ok) samples.warm.push(warm.value)
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  if (tetherUnavailable()) notes.push(`Tether not measured: ${tetherUnavailable()}.`)
  const h = median(samples.hello)
  const rows = [
    ['bare `node:http` server (baseline)', fmt(h), '1.00×'],
    [
      'Tether, first start (new DATA_DIR: migrations, demo data)',
      fmt(median(samples.cold)),
      fmtRatio(ratio(median(samples.cold), h)),
    ],
    ['Tether, later starts (existing DATA_DIR)', fmt(median(samples.warm)), fmtRatio(ratio(median(samples.warm), h))],
  ]
  log(
    `  start-up: hello ${fmt(h)} ms, Tether cold ${fmt(median(samples.cold))} ms, warm ${fmt(median(samples.warm))} ms`,
  )

  const bundle = bundleSizes()
  const body = [
    `Spawn of \`node packages/server/dist/main.js\` (what \`npm start\` runs once the build is current) until the`,
    `first 200 on \`/\`, polled every 2 ms; ${runs} run(s), medians. The server is pinned to the server core.`,
    '',
    table(['Server', 'Spawn → first 200 (ms)', 'vs bare node:http'], rows),
    '',
  ]
  if (!bundle) {
    notes.push('Bundle size not measured: packages/react/dist-app is missing (run `npm run build`).')
  } else {
    const totalRaw = bundle.reduce((s, f) => s + f.raw, 0)
    const totalGzip = bundle.reduce((s, f) => s + f.gzip, 0)
    const apps = appDownloads(join(root, 'packages', 'react', 'dist-app'), bundle) ?? []
    if (apps.length === 0)
      notes.push('Per-app downloads not measured: the Vite manifest is missing (run `npm run build`).')
    for (const app of apps) {
      const goal = APP_GOALS_KIB[app.app]
      if (goal !== undefined) {
        targets.push(
          target(
            7,
            `${app.app} downloads ≤ ${goal} KiB of JavaScript (gzipped)`,
            app.gzip,
            '<=',
            goal * 1024,
            fmtBytes,
          ),
        )
      }
    }
    body.push(
      'JavaScript each showcase app downloads (gzip level 9): the entry chunk (React, core, the runtime, the',
      "light widgets) and the chunks its pages load — a chart's (uPlot), a table's (TanStack Table), a protocol's.",
      'Page and service files arrive validated by the server, so no validation code (zod) is downloaded.',
      '',
      table(
        ['App', 'Files', 'Raw', 'Gzipped', 'Goal'],
        apps.map((a) => [
          a.app,
          a.files.join(', '),
          fmtBytes(a.raw),
          fmtBytes(a.gzip),
          APP_GOALS_KIB[a.app] === undefined ? '' : `≤ ${APP_GOALS_KIB[a.app]} KiB`,
        ]),
      ),
      '',
      'Every chunk of the browser app (`packages/react/dist-app`):',
      '',
      table(
        ['File', 'Raw', 'Gzipped'],
        [
          ...bundle.map((f) => [f.file, fmtBytes(f.raw), fmtBytes(f.gzip)]),
          ['**total**', fmtBytes(totalRaw), fmtBytes(totalGzip)],
        ],
      ),
      '',
      'An app also downloads its project JSON:',
      '',
      table(
        ['Project', 'Gzipped JSON'],
        projectSizes().map((p) => [p.file, fmtBytes(p.gzip)]),
      ),
    )
  }
  return { body, notes, targets }
}
