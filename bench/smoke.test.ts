// The benchmarks' CI check: a smoke pass of `bench/run.mjs` must run every scenario and write a report.
// It proves the scripts still work; it asserts no timing (figures from a smoke pass mean nothing).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const HEADINGS = [
  '## 1. Chat broadcast',
  '## 2. Latency at fixed load',
  '## 3. Idle connections',
  '## 4. Redis fan-out',
  '## 5. Client ingestion',
  '## 6. Browser rendering',
  '## 7. Start-up and size',
  '## 8. Shared feed',
  '## 9. Shared feed takeover',
  '## 10. Protocols: ingest and size',
]

function runSmoke(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bench/run.mjs', '--smoke', '--out', out], { cwd: root })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, output }))
  })
}

describe('bench/run.mjs --smoke', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tether-bench-smoke-'))
  const out = join(dir, 'BENCHMARKS.md')
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('runs every scenario against its baseline and writes the report', { timeout: 300_000 }, async () => {
    const { code, output } = await runSmoke(out)
    expect(code, output).toBe(0)
    const report = readFileSync(out, 'utf8')
    for (const heading of HEADINGS) expect(report).toContain(heading)
    // The baselines were really measured: their rows carry figures, not the "—" of a failed run.
    expect(report).toMatch(/\| 10 \| raw ws \| [\d,]+ \|/)
    expect(report).toMatch(/\| 10 \| Socket\.IO \| [\d,]+ \|/)
    expect(report).toMatch(/\| plain ws \| [\d.]+ (B|KiB)/)
    expect(report).toContain('Command: `node bench/run.mjs --smoke')
    // Every protocol was measured against its own client library.
    for (const protocol of ['socket.io', 'stomp', 'mqtt', 'graphql-ws', 'sse'])
      expect(report).toMatch(
        new RegExp(`\\| ${protocol.replace('.', '\\.')} \\| .+ \\| \\d+ \\| \\d+ \\| [\\d.]+× \\|`),
      )
    // With the server built (`npm test` builds first), Tether itself must have been measured too.
    if (existsSync(join(root, 'packages/server/dist/main.js'))) {
      expect(report).toMatch(/\| 10 \| Tether \| [\d,]+ \|/)
      expect(report).toMatch(/\| Tether \| [\d.]+ (B|KiB)/)
      // The shared feed was measured against the relay, with one upstream connection.
      expect(report).toMatch(/\| relay \(one upstream each\) \| 10 \| 20 \| 10 \| [\d,.]+ \|/)
      expect(report).toMatch(/\| shared feed \| 20 \| 20 \| 1 \| [\d,.]+ \|/)
    }
  })
})
