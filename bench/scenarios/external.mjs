// Scenarios 5, 6 and 10 are written by the engineers who own the code they measure
// (bench/core-ingest.mjs, bench/browser-render.mjs, bench/protocol-ingest.mjs); the runner starts them and folds their output in.
// Their stdout is taken as Markdown, except a JSON line `{"markdown": "...", "targets": [...]}`, which
// wins when present. A missing script is reported as not measured, not as a failure.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { LOADGEN_CORE, spawnNode } from '../lib/processes.mjs'
import { target } from '../lib/report.mjs'
import { root } from '../lib/stacks.mjs'
import { fmt, fmtRatio } from '../lib/stats.mjs'

function run(script, args, { core, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawnNode(script, args, { core, cwd: root })
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve({ code: null, timedOut: true, stdout, stderr: child.stderrText })
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, timedOut: false, stdout, stderr: child.stderrText })
    })
  })
}

function parse(stdout) {
  for (const line of stdout.split('\n').reverse()) {
    if (!line.startsWith('{')) continue
    try {
      const json = JSON.parse(line)
      if (typeof json.markdown === 'string') return json
    } catch {
      // an ordinary line that happens to start with a brace
    }
  }
  const text = stdout.trim()
  return { markdown: text.includes('|') || text.startsWith('#') ? text : `\`\`\`\n${text}\n\`\`\`` }
}

/**
 * Fallback for a script without the JSON line: core-ingest.mjs's plain ratio lines are read back for the
 * targets table. Returns null when the text does not have them (then only the script's own output is shown).
 */
function readTargets(stdout) {
  const perParse = stdout.match(/variable \/ JSON\.parse\s+limit 20: ([\d.]+)×/)
  const perLimit = stdout.match(/variable limit 10,000 \/ limit 20:\s+([\d.]+)×/)
  if (!perParse && !perLimit) return null
  return [
    {
      description: 'WebSocketVariable ÷ JSON.parse alone (dataLimit 20) ≤ 1.5',
      value: Number(perParse?.[1]),
      limit: 1.5,
    },
    { description: 'dataLimit 10,000 ÷ dataLimit 20 ≤ 1.2', value: Number(perLimit?.[1]), limit: 1.2 },
  ]
}

async function external(ctx, file, { core, timeoutMs, label }) {
  const script = join(root, 'bench', file)
  if (!existsSync(script)) {
    return { body: [`Not measured: \`bench/${file}\` is not present yet.`], notes: [], targets: [] }
  }
  ctx.log(`  running bench/${file}${ctx.smoke ? ' --smoke' : ''}`)
  const result = await run(script, ctx.smoke ? ['--smoke'] : [], { core, timeoutMs })
  const notes = []
  if (result.timedOut) notes.push(`\`bench/${file}\` did not finish within ${timeoutMs / 1000} s and was stopped.`)
  else if (result.code !== 0) {
    notes.push(`\`bench/${file}\` exited with ${result.code}: ${result.stderr.trim().split('\n').slice(-5).join(' ')}`)
  }
  const parsed = parse(result.stdout)
  // A target is a ratio when its description divides (÷); otherwise a plain figure, with `unit` if given.
  const format = (t) => (t.description.includes('÷') ? fmtRatio : (v) => fmt(v, t.unit ?? ''))
  const targets = (parsed.targets ?? readTargets(result.stdout) ?? []).map((t) =>
    target(label, t.description, typeof t.value === 'number' ? t.value : null, t.op ?? '<=', t.limit, format(t)),
  )
  // In a smoke pass a slow script (a busy machine) is noted, not failed: it ran, which is what is checked.
  const failed = result.code !== 0 && !(result.timedOut && ctx.smoke)
  return { body: [parsed.markdown || '(no output)'], notes, targets, failed }
}

export function clientIngestion(ctx) {
  return external(ctx, 'core-ingest.mjs', { core: LOADGEN_CORE, timeoutMs: ctx.smoke ? 40_000 : 180_000, label: 5 })
}

export function browserRendering(ctx) {
  // Not pinned: Chromium runs several processes (browser, renderer, GPU) and needs both cores.
  return external(ctx, 'browser-render.mjs', { core: undefined, timeoutMs: ctx.smoke ? 40_000 : 180_000, label: 6 })
}

export function protocolIngestion(ctx) {
  return external(ctx, 'protocol-ingest.mjs', {
    core: LOADGEN_CORE,
    timeoutMs: ctx.smoke ? 60_000 : 300_000,
    label: 10,
  })
}
