// A Tether server as a child process (the built `packages/server/dist/main.js`), for the fuzzers and
// chaos runs: started on a free loopback port, killed with any signal, restarted on the same port.
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))
const main = join(root, 'packages', 'server', 'dist', 'main.js')
export const SESSION_SECRET = 'security-bench-secret-0123456789abcdef'

export async function freePort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function waitUntilServing(base, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${child.output.slice(-2000)}`)
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`server did not answer /healthz within ${timeoutMs} ms`)
}

/**
 * Starts a server; `env` adds to a loopback, demo-mode, SQLite-in-a-temp-dir setup. Returns
 * `{ base, ws, port, child, crashed(), kill(signal), restart() }`; `crashed()` is true when it exited
 * by itself (not through `kill`).
 */
export async function startTether(env = {}, { port: fixedPort } = {}) {
  const port = fixedPort ?? (await freePort())
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'tether-security-'))
  let child
  let expectedExit = false
  let crashes = 0
  const launch = async () => {
    expectedExit = false
    child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        TETHER_DEMO: '1',
        LOG_LEVEL: 'warn',
        SESSION_SECRET,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.output = ''
    const keep = (chunk) => {
      child.output = (child.output + chunk.toString()).slice(-20_000)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.on('exit', () => {
      if (!expectedExit) crashes++
    })
    await waitUntilServing(`http://127.0.0.1:${port}`, child)
  }
  await launch()
  return {
    base: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}`,
    port,
    dataDir,
    get child() {
      return child
    },
    crashes: () => crashes,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null)
        return { code: child.exitCode, signal: child.signalCode }
      expectedExit = true
      const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })))
      child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      const outcome = await exited
      clearTimeout(timer)
      return outcome
    },
    restart: launch,
  }
}

/** Logs in and returns the session cookie. */
export async function login(base, username, password = username) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`)
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tether_session='))
  return cookie.split(';')[0]
}

/** A deterministic pseudo-random generator (mulberry32), so a run can be repeated with `--seed`. */
export function random(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => Math.floor(next() * 256))),
  }
}

/** `--name value` arguments with numeric defaults. */
export function args(defaults) {
  const result = { ...defaults }
  const argv = process.argv.slice(2)
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '')
    if (key && key in result) result[key] = typeof defaults[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1]
  }
  return result
}
