import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineWebSocketService } from '@tether/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWsServer, streamTo } from './test-support/cli-helpers.js'

const launcher = fileURLToPath(new URL('../bin/tether.js', import.meta.url))
const built = existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)))
if (!built)
  console.warn('[skipped] the spawned `tether` test: run `npm run build` first (packages/cli/dist is missing).')

function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [launcher, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe.skipIf(!built)('the built `tether` command', () => {
  let service: Awaited<ReturnType<typeof startWsServer>>
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tether-bin-'))
    service = await startWsServer((socket) => streamTo(socket, ['{"price":1.5,"symbol":"EUR"}']))
  })
  afterAll(async () => {
    await service?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('imports a service into a project folder and reports usage errors with exit code 2', async () => {
    const imported = await run(['import', `${service.url}/quotes`, '--samples', '2', '--project', 'app'], dir)
    expect(imported.stderr).toMatch(/received 2\/2 samples…/)
    expect(imported.code).toBe(0)
    const text = readFileSync(join(dir, 'app', 'services', 'quotes.service.json'), 'utf8')
    expect(defineWebSocketService(text).definition.samples?.responses).toEqual([
      { price: 1.5, symbol: 'EUR' },
      { price: 1.5, symbol: 'EUR' },
    ])
    const usage = await run(['test', 'https://example.com/feed'], dir)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/Did you mean wss:\/\/example\.com\/feed/)
  })
})
