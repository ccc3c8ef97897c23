import { sql } from 'kysely'
import type { Db } from '../db/index.js'

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

/**
 * The chat's source of truth: messages are stored before anyone sees them, and every delivery, live or
 * backlog, is read from here in id order.
 */
export class ChatMessageStore {
  readonly #db: Db
  readonly #dialect: 'sqlite' | 'postgres'

  constructor(db: Db, dialect: 'sqlite' | 'postgres') {
    this.#db = db
    this.#dialect = dialect
  }

  /**
   * Stores a message and returns it with its id. On PostgreSQL, inserts into one room are serialized
   * by a transaction-scoped advisory lock: ids of a room then become visible in increasing order, so a
   * reader that has seen id N can never later find a smaller id appear (which would be lost for
   * `id > N` queries). SQLite serializes writers by itself.
   */
  async insert(room: string, username: string, message: string, time: number): Promise<ChatMessageFrame> {
    return this.#db.transaction().execute(async (trx) => {
      if (this.#dialect === 'postgres')
        await sql`select pg_advisory_xact_lock(hashtext(${`chat:${room}`}))`.execute(trx)
      const row = await trx
        .insertInto('chat_message')
        .values({ room, username, message, time })
        .returning(['id', 'username', 'message', 'time'])
        .executeTakeFirstOrThrow()
      return toFrame(row)
    })
  }

  /** Messages of `room` with an id above `afterId`, oldest first, at most `limit`. */
  async after(room: string, afterId: number, limit = PAGE_SIZE): Promise<ChatMessageFrame[]> {
    const rows = await this.#db
      .selectFrom('chat_message')
      .select(['id', 'username', 'message', 'time'])
      .where('room', '=', room)
      .where('id', '>', afterId)
      .orderBy('id', 'asc')
      .limit(limit)
      .execute()
    return rows.map(toFrame)
  }

  /** The last `count` messages of `room`, oldest first. */
  async latest(room: string, count: number): Promise<ChatMessageFrame[]> {
    const rows = await this.#db
      .selectFrom('chat_message')
      .select(['id', 'username', 'message', 'time'])
      .where('room', '=', room)
      .orderBy('id', 'desc')
      .limit(count)
      .execute()
    return rows.map(toFrame).reverse()
  }
}

function toFrame(row: {
  id: number | string
  username: string
  message: string
  time: number | string
}): ChatMessageFrame {
  return { id: Number(row.id), username: row.username, message: row.message, time: Number(row.time) }
}
