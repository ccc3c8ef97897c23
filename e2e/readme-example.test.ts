// The README's code example must run as written: extract it, run it with plain `node` from the
// repository root against a real server, and check it prints live readings.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp, loadConfig } from '@tether/server'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, test } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
let app: FastifyInstance
let dataDir: string
let origin: string

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tether-readme-'))
  app = await buildApp(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, HEARTRATE_INTERVAL_MS: '50', LOG_LEVEL: 'warn' }),
  )
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  origin = `ws://127.0.0.1:${address.port}`
})

afterAll(async () => {
  await app?.close()
  await rm(dataDir, { recursive: true, force: true })
})

test('the README example connects from Node and prints the dataset', async () => {
  expect(existsSync(join(root, 'packages/core/dist/index.js')), 'run `npm run build` first').toBe(true)
  const readme = await readFile(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Use it from code'))
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1]
  expect(code, 'README has a ```js block under "Use it from code"').toBeTruthy()
  const script = join(root, `.readme-example-${process.pid}.mjs`)
  await writeFile(script, code!)
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [script], { cwd: root, env: { ...process.env, TETHER_URL: origin } })
      let out = ''
      child.stdout.on('data', (chunk) => (out += chunk))
      child.stderr.on('data', (chunk) => (out += chunk))
      child.on('error', reject)
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${out}`))))
    })
    const lines = output.trim().split('\n')
    const readings = lines.filter((line) => /^open \d/.test(line)).map((line) => line.slice(5).split(' ').map(Number))
    // It printed live readings, each a plausible bpm, and never more than dataLimit (5) of them.
    expect(readings.length).toBeGreaterThan(3)
    expect(Math.max(...readings.map((r) => r.length))).toBe(5)
    for (const value of readings.flat()) expect(value).toBeGreaterThanOrEqual(40)
    expect(lines.at(-1)).toMatch(/^closed/)
  } finally {
    await rm(script, { force: true })
  }
})
