import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, type LogEvent, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { ServerConfig } from '../config.js'
import { type AdminBootstrap, ensureAdminUser } from './admin-user.js'
import { syncDemoUsers } from './demo-users.js'
import { migrationProvider } from './migrations.js'
import type { Database, Db } from './schema.js'

const PG_INT8 = 20

/** The better-sqlite3 handle behind each SQLite `Db`, for hot paths that reuse prepared statements. */
const sqliteHandles = new WeakMap<Db, SQLite.Database>()

/**
 * The better-sqlite3 connection under `db`, or null on PostgreSQL. Kysely prepares every statement
 * anew; the chat's per-message queries use this to prepare theirs once (see `chat/message-store.ts`).
 */
export function sqliteConnection(db: Db): SQLite.Database | null {
  return sqliteHandles.get(db) ?? null
}

// pg returns bigint (int8) as a string to avoid precision loss; our bigints are epoch milliseconds,
// ids and counts, all far below 2^53, so numbers keep one code path for both dialects.
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === PG_INT8 && format !== 'binary') return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format as 'text')
  },
}

/** What `openDatabase` may report: the duration of every query (for the metrics). */
export interface DatabaseObserver {
  onQuery?: (milliseconds: number) => void
}

function queryLog(observer: DatabaseObserver): { log?: (event: LogEvent) => void } {
  const onQuery = observer.onQuery
  return onQuery ? { log: (event) => onQuery(event.queryDurationMillis) } : {}
}

function createKysely(database: ServerConfig['database'], observer: DatabaseObserver = {}): Db {
  if (database.dialect === 'sqlite') {
    mkdirSync(dirname(database.file), { recursive: true })
    const sqlite = new SQLite(database.file)
    // WAL lets readers run during a write; foreign keys are off by default in SQLite.
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    // In WAL mode NORMAL syncs the WAL at checkpoints instead of at every commit. The database cannot be
    // corrupted by a crash or power cut; at worst the last commits before a power cut (not a process
    // crash) are rolled back. That trade is SQLite's recommended one for WAL, and it takes an fsync off
    // every chat message.
    sqlite.pragma('synchronous = NORMAL')
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), ...queryLog(observer) })
    sqliteHandles.set(db, sqlite)
    return db
  }
  const pool = new pg.Pool({
    connectionString: database.url,
    max: 10,
    types: pgTypes,
    // A database that accepts TCP and never answers must fail a connect (and a wait for a pooled
    // connection), a statement and a request in bounded time, not hang them.
    connectionTimeoutMillis: database.connectTimeoutMs,
    // The server cancels a statement running this long; the client stops waiting a second later,
    // for a server that does not answer at all.
    statement_timeout: database.statementTimeoutMs,
    query_timeout: database.statementTimeoutMs + 1000,
    idle_in_transaction_session_timeout: database.statementTimeoutMs,
    // A schema per deployment (or per test run) without touching the URL.
    ...(database.schema ? { options: `-c search_path=${database.schema}` } : {}),
  })
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...queryLog(observer) })
}

/**
 * Opens the configured database, applies pending migrations (which seed the sample hrdb once) and
 * creates or disables the demo users according to demo mode. Close it with `db.destroy()`.
 *
 * @example
 * const db = await openDatabase(loadConfig())
 * const people = await db.selectFrom('employee').selectAll().execute()
 */
export async function openDatabase(
  config: Pick<ServerConfig, 'database' | 'demoMode'> & { admin?: AdminBootstrap | null },
  observer: DatabaseObserver = {},
): Promise<Db> {
  let db: Db
  try {
    db = createKysely(config.database, observer)
  } catch (error) {
    throw config.database.dialect === 'sqlite' ? unusable(config.database, error) : error
  }
  try {
    if (config.database.dialect === 'postgres' && config.database.schema) {
      // The schema must exist before the migrator creates its tables in it.
      await db.schema.createSchema(config.database.schema).ifNotExists().execute()
    }
    const migrator = new Migrator({
      db,
      provider: migrationProvider(config.database.dialect),
      // Named, not left to search_path: kysely looks for its tables in every schema otherwise, and
      // another schema's `kysely_migration_lock` (a parallel test run's) made it skip creating ours.
      ...(config.database.dialect === 'postgres' && config.database.schema
        ? { migrationTableSchema: config.database.schema }
        : {}),
    })
    const { error, results } = await migrator.migrateToLatest()
    const failed = results?.find((r) => r.status === 'Error')
    if (error) {
      throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error })
    }
    await syncDemoUsers(db, config.demoMode)
    if (config.admin) await ensureAdminUser(db, config.admin)
    return db
  } catch (error) {
    // A database that stopped answering may not answer the goodbye either.
    const deadline = config.database.dialect === 'postgres' ? config.database.connectTimeoutMs : 10_000
    await settleWithin(db.destroy(), deadline)
    throw config.database.dialect === 'postgres'
      ? unreachable(config.database, error)
      : unusable(config.database, error)
  }
}

/** A start-up failure of the SQLite file (read-only or missing folder, damaged file) that names the path. */
function unusable(database: Extract<ServerConfig['database'], { dialect: 'sqlite' }>, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error)
  return new Error(
    `Could not use the SQLite database at ${database.file}: ${reason}. DATA_DIR (${dirname(database.file)}) must be a writable folder; a damaged tether.sqlite must be restored from a backup or moved away.`,
    { cause: error },
  )
}

/** Waits for `work` (whatever its outcome), but no longer than `ms`. */
async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([work.catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, ms)))])
  clearTimeout(timer)
}

/** A start-up failure that names the database (never its password) and the timeouts in force. */
function unreachable(database: Extract<ServerConfig['database'], { dialect: 'postgres' }>, error: unknown): Error {
  let where = 'the PostgreSQL database'
  try {
    const url = new URL(database.url)
    where = `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`
  } catch {}
  const reason = error instanceof Error ? error.message : String(error)
  return new Error(
    `Could not open ${where}: ${reason} (DATABASE_CONNECT_TIMEOUT_MS=${database.connectTimeoutMs}, DATABASE_STATEMENT_TIMEOUT_MS=${database.statementTimeoutMs}). Check that the database is up and answering.`,
    { cause: error },
  )
}
