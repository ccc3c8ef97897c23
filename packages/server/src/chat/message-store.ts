import type SQLite from 'better-sqlite3'
import { type Compilable, sql } from 'kysely'
import { type Db, sqliteConnection } from '../db/index.js'

/** One chat message as stored and as sent to every member of its room. */
export interface ChatMessageFrame {
  /** Database id: increases with every message of a room, the resume point for `?since=`. */
  id: number
  username: string
  message: string
  /** Epoch milliseconds. */
  time: number
}

/** Rows read per query when catching up, so a long absence never loads everything at once. */
export const PAGE_SIZE = 200

type Row = { id: number | string; username: string; message: string; time: number | string }

// The chat's queries, written once; both dialects run the SQL these build.
const insertQuery = (db: Db, room: string, username: string, message: string, time: number) =>
  db
    .insertInto('chat_message')
    .values({ room, username, message, time })
    .returning(['id', 'username', 'message', 'time'])

const afterQuery = (db: Db, room: string, afterId: number, limit: number) =>
  db
    .selectFrom('chat_message')
    .select(['id', 'username', 'message', 'time'])
    .where('room', '=', room)
    .where('id', '>', afterId)
    .orderBy('id', 'asc')
    .limit(limit)

const latestQuery = (db: Db, room: string, count: number) =>
  db
    .selectFrom('chat_message')
    .select(['id', 'username', 'message', 'time'])
    .where('room', '=', room)
    .orderBy('id', 'desc')
    .limit(count)

/**
 * Every message of `room` older than its `keep`-th newest. With fewer than `keep` messages the
 * subquery finds no row, `id < NULL` holds for none, and nothing is deleted.
 */
const pruneQuery = (db: Db, room: string, keep: number) =>
  db
    .deleteFrom('chat_message')
    .where('room', '=', room)
    .where(
      'id',
      '<',
      db
        .selectFrom('chat_message')
        .select('id')
        .where('room', '=', room)
        .orderBy('id', 'desc')
        .limit(1)
        .offset(keep - 1),
    )

/** Every message older than the `keep`-th newest of all rooms together (same shape as `pruneQuery`). */
const pruneAllQuery = (db: Db, keep: number) =>
  db.deleteFrom('chat_message').where(
    'id',
    '<',
    db
      .selectFrom('chat_message')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .offset(keep - 1),
  )

/**
 * Compiles a query once and prepares it on SQLite, to be run with new parameters in the same order as
 * `sample`. kysely would prepare the statement again for every query (a profiled hot spot of the chat).
 * The sample values are distinct, and the compiled parameters must be exactly them in order, so a
 * change in how kysely orders parameters fails loudly at start-up instead of binding the wrong values.
 */
function prepareOnce<A extends unknown[]>(
  connection: SQLite.Database,
  build: (...args: A) => Compilable,
  sample: A,
): SQLite.Statement<A, Row> {
  const compiled = build(...sample).compile()
  const same =
    compiled.parameters.length === sample.length && compiled.parameters.every((value, i) => value === sample[i])
  if (!same) throw new Error(`Unexpected parameter order in ${compiled.sql}`)
  return connection.prepare<A, Row>(compiled.sql)
}

/**
 * The chat's source of truth: messages are stored before anyone sees them, and every read-back or
 * backlog comes from here in id order.
 */
export class ChatMessageStore {
  readonly #db: Db
  readonly #dialect: 'sqlite' | 'postgres'
  readonly #sqlite: {
    insert: SQLite.Statement<[string, string, string, number], Row>
    after: SQLite.Statement<[string, number, number], Row>
    latest: SQLite.Statement<[string, number], Row>
  } | null

  constructor(db: Db, dialect: 'sqlite' | 'postgres') {
    this.#db = db
    this.#dialect = dialect
    const connection = dialect === 'sqlite' ? sqliteConnection(db) : null
    this.#sqlite = connection && {
      insert: prepareOnce(connection, (...a) => insertQuery(db, ...a), ['\0room', '\0user', '\0text', -1]),
      after: prepareOnce(connection, (...a) => afterQuery(db, ...a), ['\0room', -1, -2]),
      latest: prepareOnce(connection, (...a) => latestQuery(db, ...a), ['\0room', -1]),
    }
  }

  /**
   * Stores a message and returns it with its id. On PostgreSQL, inserts into one room are serialized
   * by a transaction-scoped advisory lock: ids of a room then become visible in increasing order, so a
   * reader that has seen id N can never later find a smaller id appear (which would be lost for
   * `id > N` queries). On SQLite the single INSERT … RETURNING is atomic and SQLite serializes writers
   * by itself, so it needs no explicit transaction; it runs synchronously, before this returns.
   */
  async insert(room: string, username: string, message: string, time: number): Promise<ChatMessageFrame> {
    if (this.#sqlite) return toFrame(this.#sqlite.insert.get(room, username, message, time) as Row)
    return this.#db.transaction().execute(async (trx) => {
      if (this.#dialect === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${`chat:${room}`}))`.execute(trx)
      return toFrame(await insertQuery(trx, room, username, message, time).executeTakeFirstOrThrow())
    })
  }

  /** Messages of `room` with an id above `afterId`, oldest first, at most `limit`. */
  async after(room: string, afterId: number, limit = PAGE_SIZE): Promise<ChatMessageFrame[]> {
    const rows = this.#sqlite
      ? this.#sqlite.after.all(room, afterId, limit)
      : await afterQuery(this.#db, room, afterId, limit).execute()
    return rows.map(toFrame)
  }

  /**
   * Deletes every message of `room` but the newest `keep` (at least 1) and returns how many went. Only
   * messages older than the newest `keep` are touched, so a reader paging through the retained ones
   * (a `?since=` backlog) never loses one of them. Rare, so it runs through kysely on both dialects.
   */
  async prune(room: string, keep: number): Promise<number> {
    if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a positive integer, got ${keep}`)
    const result = await pruneQuery(this.#db, room, keep).executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  /** Deletes every message but the newest `keep` of all rooms together and returns how many went. */
  async pruneAll(keep: number): Promise<number> {
    if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a positive integer, got ${keep}`)
    const result = await pruneAllQuery(this.#db, keep).executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  /** The last `count` messages of `room`, oldest first. */
  async latest(room: string, count: number): Promise<ChatMessageFrame[]> {
    const rows = this.#sqlite
      ? this.#sqlite.latest.all(room, count)
      : await latestQuery(this.#db, room, count).execute()
    return rows.map(toFrame).reverse()
  }
}

function toFrame(row: Row): ChatMessageFrame {
  return { id: Number(row.id), username: row.username, message: row.message, time: Number(row.time) }
}
