// Scenario 7: start-up time (spawn → first 200 on `/`) and the JavaScript a browser downloads.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { freePort, SERVER_CORE, spawnNode, stopProcess, waitForHttp } from '../lib/processes.mjs'
import { attempt, table } from '../lib/report.mjs'
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

export async function startupAndSize(ctx) {
  const { log } = ctx
  const notes = []
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
    body.push(
      'JavaScript of the browser app (`packages/react/dist-app`), gzip level 9:',
      '',
      table(
        ['File', 'Raw', 'Gzipped'],
        [
          ...bundle.map((f) => [f.file, fmtBytes(f.raw), fmtBytes(f.gzip)]),
          ['**total**', fmtBytes(totalRaw), fmtBytes(totalGzip)],
        ],
      ),
      '',
      'Every showcase app is rendered by this one runtime bundle: an app adds only its project JSON, so each',
      "app's download is the total above plus:",
      '',
      table(
        ['Project', 'Gzipped JSON'],
        projectSizes().map((p) => [p.file, fmtBytes(p.gzip)]),
      ),
    )
  }
  return { body, notes, targets: [] }
}
