// The servers a scenario compares: Tether's real server (packages/server/dist/main.js), the raw `ws`
// broadcast loop and Socket.IO 4. Each starts pinned to the server core, answers stats over IPC
// (servers/probe.mjs) and exposes the chat endpoint the load generator connects to.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort, readJsonLines, SERVER_CORE, spawnNode, stopProcess, waitForHttp } from './processes.mjs'

export const root = fileURLToPath(new URL('../..', import.meta.url))
const servers = join(root, 'bench', 'servers')
export const tetherMain = join(root, 'packages', 'server', 'dist', 'main.js')
export const ROOM = 'bench'
/** Tether's demo logins (password = username). */
export const DEMO_USERS = ['user1', 'user2', 'user3', 'admin']

let profileDir = null
/** With a folder, Tether servers run with `--cpu-prof` and write their profiles there on exit. */
export function setTetherProfiling(dir) {
  profileDir = dir
}

/** Why Tether cannot be measured right now, or null when its server build is present. */
export function tetherUnavailable() {
  return existsSync(tetherMain) ? null : 'packages/server/dist/main.js is missing: run `npm run build` first'
}

async function startBaseline(name, script, { env = {}, fdLimit } = {}) {
  const port = await freePort()
  const child = spawnNode(join(servers, script), [String(port)], {
    core: SERVER_CORE,
    nodeArgs: ['--expose-gc'],
    env,
    fdLimit,
  })
  readJsonLines(child, () => {})
  await waitForHttp(`http://127.0.0.1:${port}/`, { child, timeoutMs: startTimeout.ms })
  return { name, child, port, stop: () => stopProcess(child) }
}

export async function startRawWs(options = {}) {
  const server = await startBaseline('raw ws', 'raw-ws.mjs', options)
  return {
    ...server,
    protocol: 'text',
    usernameParam: true,
    target: { url: `ws://127.0.0.1:${server.port}/websocket/chatroom?room=${ROOM}` },
  }
}

export async function startSocketIo({ redisUrl, ...options } = {}) {
  const env = redisUrl ? { REDIS_URL: redisUrl } : {}
  const server = await startBaseline(redisUrl ? 'Socket.IO + Redis' : 'Socket.IO', 'socketio.mjs', { ...options, env })
  return {
    ...server,
    protocol: 'socketio',
    usernameParam: false,
    target: { url: `ws://127.0.0.1:${server.port}/socket.io/?EIO=4&transport=websocket` },
  }
}

/** Logs each demo user in once; a user's cookie is then shared by all of that user's connections. */
async function login(baseUrl, users) {
  const cookies = []
  for (const username of users) {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: username }),
    })
    const body = await res.text()
    if (res.status !== 200) throw new Error(`login as ${username} failed: HTTP ${res.status} ${body.slice(0, 200)}`)
    const setCookies = res.headers.getSetCookie()
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ')
    if (!cookie) throw new Error(`login as ${username} returned no session cookie`)
    cookies.push(cookie)
  }
  return cookies
}

/**
 * Starts Tether's production server as `npm start` would (demo mode, embedded SQLite in a fresh temp
 * DATA_DIR, so every chat message is also inserted into chat_message), with the probe preloaded.
 */
export async function startTether(options = {}) {
  const unavailable = tetherUnavailable()
  if (unavailable) throw new Error(unavailable)
  // A server that cannot start will not start in the next scenario either: say so at once.
  if (startFailure) throw new Error(`Tether failed to start earlier in this run: ${startFailure}`)
  try {
    return await launchTether(options)
  } catch (error) {
    startFailure = String(error.message).split('\n')[0]
    throw error
  }
}

let startFailure = null
/** One secret for every instance, as a multi-instance deployment must have. */
const BENCH_SESSION_SECRET = 'tether-bench-session-secret-0123456789abcdef'
/** Start-up timeout for servers; the smoke pass lowers it so a broken build fails fast. */
export const startTimeout = { ms: 30_000 }

/**
 * Instances that share Redis must share the database too: Redis only rings the doorbell, every
 * instance then reads the new messages from the database. Pass the first instance's `dataDir` (and the
 * same `sessionSecret`) to the second; the folder is removed by the instance that created it.
 */
async function launchTether({ redisUrl, fdLimit, env = {}, dataDir: sharedDataDir }) {
  const port = await freePort()
  const ownsDataDir = !sharedDataDir
  const dataDir = sharedDataDir ?? mkdtempSync(join(tmpdir(), 'tether-bench-'))
  const removeDataDir = () => ownsDataDir && rmSync(dataDir, { recursive: true, force: true })
  const child = spawnNode(tetherMain, [], {
    core: SERVER_CORE,
    cwd: root,
    nodeArgs: [
      '--expose-gc',
      '--import',
      join(servers, 'probe.mjs'),
      ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
    ],
    fdLimit,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      TETHER_DEMO: '1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SESSION_SECRET: BENCH_SESSION_SECRET,
      // The load generator shares the 4 demo users' cookies over up to 10,000+ connections from one
      // address: lift the per-user, per-address and per-server connection caps and the per-connection
      // message rate so they measure the chat, not the caps.
      WS_MAX_CONNECTIONS: '1000000',
      WS_MAX_CONNECTIONS_PER_CLIENT: '1000000',
      CHAT_MAX_CONNECTIONS_PER_USER: '1000000',
      CHAT_RATE_PER_SECOND: '1000000',
      CHAT_RATE_BURST: '1000000',
      ...(redisUrl ? { REDIS_URL: redisUrl } : { REDIS_URL: '' }),
      ...env,
    },
  })
  readJsonLines(child, () => {})
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    // Listening is enough here (scenario 7 times the first 200 on `/`): any answer but a 5xx.
    await waitForHttp(`${baseUrl}/`, { child, timeoutMs: startTimeout.ms, accept: (status) => status < 500 })
    const cookies = await login(baseUrl, DEMO_USERS)
    return {
      name: redisUrl ? 'Tether + Redis' : 'Tether',
      child,
      port,
      protocol: 'text',
      usernameParam: false,
      target: { url: `ws://127.0.0.1:${port}/websocket/chatroom?room=${ROOM}`, cookies },
      dataDir,
      async stop() {
        await stopProcess(child)
        removeDataDir()
      },
    }
  } catch (error) {
    await stopProcess(child)
    removeDataDir()
    throw error
  }
}

/**
 * Servers shared by the scenarios that can reuse them (1, 2 and the single instances of 4), started on
 * first use and stopped by the runner at the end: fewer start-ups keep the smoke pass short.
 */
export class StackPool {
  #started = new Map()
  #starters = { 'raw ws': startRawWs, 'Socket.IO': startSocketIo, Tether: startTether }

  /** The running stack called `name` ('raw ws', 'Socket.IO' or 'Tether'), started if needed. */
  get(name) {
    let server = this.#started.get(name)
    if (!server) {
      server = this.#starters[name]()
      // A failed start is retried by the next scenario that asks (Tether fails fast, see startTether).
      server.catch(() => this.#started.delete(name))
      this.#started.set(name, server)
    }
    return server
  }

  async stopAll() {
    const servers = await Promise.allSettled([...this.#started.values()])
    this.#started.clear()
    await Promise.all(servers.filter((s) => s.status === 'fulfilled').map((s) => s.value.stop()))
  }
}
