import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { type BuildOptions, buildApp } from '../app.js'
import { loadConfig, type ServerConfig } from '../config.js'

type Env = Record<string, string | undefined>

/** A database a suite runs against: SQLite in a temp dir, or PostgreSQL in a fresh schema. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres'
  /** Environment variables selecting this database. */
  env: Env
  /** Removes the temp dir or drops the schema. */
  cleanup(): Promise<void>
}

export function sqliteTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'tether-test-'))
  return { name: 'sqlite', env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
}

/** A fresh schema `t_<random>` in TEST_DATABASE_URL, or null when the variable is unset. */
export function postgresTestDatabase(): TestDatabase | null {
  const url = process.env.TEST_DATABASE_URL
  if (!url) return null
  const schema = `t_${Math.random().toString(36).slice(2, 12)}`
  return {
    name: 'postgres',
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema, DATA_DIR: join(tmpdir(), 'tether-unused') },
    async cleanup() {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        await client.query(`drop schema if exists "${schema}" cascade`)
      } finally {
        await client.end()
      }
    },
  }
}

/** Every database the shared suites run on; PostgreSQL only when TEST_DATABASE_URL is set. */
export function testDatabases(): (() => TestDatabase)[] {
  const factories: (() => TestDatabase)[] = [sqliteTestDatabase]
  if (process.env.TEST_DATABASE_URL) factories.push(() => postgresTestDatabase()!)
  return factories
}

export function testConfig(env: Env = {}): ServerConfig {
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    TETHER_DEMO: '1',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    ...env,
  })
}

export interface RunningServer {
  app: FastifyInstance
  config: ServerConfig
  /** e.g. http://127.0.0.1:43121 */
  http: string
  /** e.g. ws://127.0.0.1:43121 */
  ws: string
  close(): Promise<void>
}

/**
 * Builds and starts a server on an ephemeral port. `setup` may add test-only routes before it listens.
 */
export async function startServer(
  env: Env = {},
  setup?: (app: FastifyInstance) => void | Promise<void>,
  options: BuildOptions = {},
): Promise<RunningServer> {
  const config = testConfig(env)
  const app = await buildApp(config, options)
  await setup?.(app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (typeof address !== 'object' || !address) throw new Error('server has no address')
  return {
    app,
    config,
    http: `http://127.0.0.1:${address.port}`,
    ws: `ws://127.0.0.1:${address.port}`,
    close: () => app.close(),
  }
}

export interface TestServerOptions {
  /** Settings on top of the database's; a function is read in `beforeAll`, after earlier hooks ran. */
  env?: Env | (() => Env)
  /** The database to run on; defaults to a fresh SQLite one. Cleaned up after the suite either way. */
  database?: TestDatabase
  /** Adds test-only routes before the server listens. */
  setup?: (app: FastifyInstance) => void | Promise<void>
}

/**
 * A suite's server: started in `beforeAll` on its own database, closed (and the database removed) in
 * `afterAll`. The returned object reads the running server, so use it inside tests and later hooks.
 */
export function useTestServer(options: TestServerOptions = {}): RunningServer {
  let running: RunningServer | undefined
  let database: TestDatabase | undefined
  const started = (): RunningServer => {
    if (!running) throw new Error('The test server starts in beforeAll: use it inside tests or hooks.')
    return running
  }
  beforeAll(async () => {
    database = options.database ?? sqliteTestDatabase()
    const env = typeof options.env === 'function' ? options.env() : options.env
    running = await startServer({ ...database.env, ...env }, options.setup)
  })
  afterAll(async () => {
    await running?.close()
    await database?.cleanup()
  })
  return {
    get app() {
      return started().app
    },
    get config() {
      return started().config
    },
    get http() {
      return started().http
    },
    get ws() {
      return started().ws
    },
    close: () => started().close(),
  }
}

/** Logs in over HTTP and returns the `cookie` header value for later requests. */
export async function login(base: string, username: string, password = username): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (response.status !== 200)
    throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`)
  return sessionCookie(response)
}

/** The `name=value` of the session cookie set by a response. */
export function sessionCookie(response: Response): string {
  const header = response.headers.getSetCookie().find((c) => c.startsWith('tether_session='))
  if (!header) throw new Error('no tether_session cookie in the response')
  return header.split(';')[0]!
}

/** fetch with a JSON body and optional cookie; returns status and parsed JSON (or null). */
export async function api(
  base: string,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies of many shapes.
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.cookie) headers.cookie = options.cookie
  if (options.body !== undefined) headers['content-type'] ??= 'application/json'
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  })
  const text = await response.text()
  let body: unknown = null
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = text
    }
  }
  return { status: response.status, body, headers: response.headers }
}
