// Child processes for the benchmarks: servers pinned to one core, the load generator to the other,
// so neither steals CPU from the other and a figure measures one side only.
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'

export const SERVER_CORE = 1
export const LOADGEN_CORE = 0

const hasTaskset = spawnSync('sh', ['-c', 'command -v taskset'], { encoding: 'utf8' }).status === 0
let warnedTaskset = false

export function pinningNotice() {
  return hasTaskset
    ? `load generator pinned to core ${LOADGEN_CORE}, servers to core ${SERVER_CORE} (taskset)`
    : 'taskset not found (install util-linux): processes were NOT pinned to cores'
}

/**
 * Spawns `node [nodeArgs] script [args]` pinned to `core`. With `fdLimit`, the child runs under
 * bash with `ulimit -n` raised first (best effort: a container may refuse to go above its hard limit).
 * The child always gets an IPC channel so servers can answer stats requests (see servers/probe.mjs).
 */
export function spawnNode(script, args = [], { core, nodeArgs = [], env = {}, fdLimit, cwd } = {}) {
  let command = [process.execPath, ...nodeArgs, script, ...args]
  if (hasTaskset && core !== undefined) command = ['taskset', '-c', String(core), ...command]
  else if (!hasTaskset && !warnedTaskset) {
    warnedTaskset = true
    console.warn('bench: taskset not found; running without CPU pinning (figures will be noisier)')
  }
  if (fdLimit) {
    const raise = `ulimit -n ${fdLimit} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`
    command = ['bash', '-c', raise, 'bash', ...command]
  }
  const [file, ...rest] = command
  const child = spawn(file, rest, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  child.stderrText = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk) => {
    // Keep the tail only: enough to explain a failure, bounded for chatty servers.
    child.stderrText = (child.stderrText + chunk).slice(-8000)
  })
  return child
}

/** Calls `onLine(obj)` for each JSON line the child prints on stdout; other lines are kept as text. */
export function readJsonLines(child, onLine) {
  child.stdoutText = ''
  const lines = createInterface({ input: child.stdout })
  lines.on('line', (line) => {
    if (line.startsWith('{')) {
      try {
        onLine(JSON.parse(line))
        return
      } catch {
        // not ours: fall through and keep it as text
      }
    }
    child.stdoutText = `${child.stdoutText + line}\n`.slice(-8000)
  })
}

/** Asks a server started with servers/probe.mjs for its memory and CPU figures. */
export function requestStats(child, { gc = false } = {}) {
  const id = Math.random().toString(36).slice(2)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage)
      reject(new Error('server did not answer the stats request within 10 s'))
    }, 10_000)
    function onMessage(message) {
      if (message?.type !== 'bench:stats' || message.id !== id) return
      clearTimeout(timer)
      child.off('message', onMessage)
      resolve(message)
    }
    child.on('message', onMessage)
    child.send({ type: 'bench:stats', id, gc })
  })
}

export async function stopProcess(child, graceMs = 2000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

export async function freePort() {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address()
  server.close()
  await once(server, 'close')
  return port
}

/**
 * Polls `url` until it answers 200 (or any status `accept` takes); returns the milliseconds waited.
 * Fails early if the child exits.
 */
export async function waitForHttp(url, { child, timeoutMs = 30_000, intervalMs = 5, accept = (s) => s === 200 } = {}) {
  let lastStatus = null
  const started = performance.now()
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(
        `server exited (${child.exitCode ?? child.signalCode}) before serving ${url}:\n${child.stderrText}`,
      )
    }
    try {
      const res = await fetch(url)
      await res.arrayBuffer()
      lastStatus = res.status
      if (accept(res.status)) return performance.now() - started
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) {
      const seen = lastStatus === null ? 'no answer' : `last status ${lastStatus}`
      throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (${seen})`)
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
