// The fuzzers' CI check: a short run of each against a real server (built dist) must finish with no
// 5xx, no crash and every error a TETHER_ code. The full runs and their figures are in the README's
// Security section; these counts only prove the scripts and the server still hold together.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

function run(script: string, args: string[]): Promise<{ code: number | null; report: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
    })
    child.stderr.on('data', (chunk) => {
      output += chunk
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      const json = output.slice(output.indexOf('{'))
      resolve({ code, report: JSON.parse(json) })
    })
  })
}

describe('security fuzzers (smoke)', () => {
  it('HTTP: 300 inputs, no 5xx, no crash, every error a TETHER_ code', async () => {
    const { code, report } = await run('bench/security/http-fuzz.mjs', ['--count', '300', '--seconds', '60'])
    expect(report).toMatchObject({ inputs: 300, fiveHundreds: 0, notTether: 0, noAnswer: 0, crashes: 0 })
    expect(code).toBe(0)
  }, 120_000)

  it('WebSocket: 2,000 frames, no crash, the server healthy after', async () => {
    const { code, report } = await run('bench/security/ws-fuzz.mjs', ['--frames', '2000', '--seconds', '60'])
    expect(report).toMatchObject({ frames: 2000, crashes: 0, healthyAfter: true })
    expect(code).toBe(0)
  }, 120_000)
})
