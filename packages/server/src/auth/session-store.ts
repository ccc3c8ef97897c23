import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db/index.js'

/** The user a session belongs to, as every feature sees it. */
export interface SessionUser {
  id: number
  username: string
  roles: string[]
  tenantId: number | null
}

/**
 * A session's id: the hash of its token, which is all the database stores. Safe to log or publish
 * (it cannot be turned back into a cookie).
 */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** Called with the ids of sessions that just ended (logout, eviction by the cap, a replaced login). */
export type SessionsEndedListener = (ids: string[]) => void

/** Sessions one user may have when none is configured (`SESSION_MAX_PER_USER`). */
export const DEFAULT_SESSION_MAX_PER_USER = 20

/**
 * Sessions live in the database, so they survive a restart (with a fixed SESSION_SECRET) and every
 * instance behind a load balancer sees the same ones. Only a hash of each token is stored. Each user
 * has at most `maxPerUser` sessions: the table stays bounded by users × `maxPerUser` however often a
 * script logs in, and a login beyond the cap ends that user's oldest session.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    private readonly maxPerUser = DEFAULT_SESSION_MAX_PER_USER,
    private readonly onEnded: SessionsEndedListener = () => {},
  ) {}

  /** Creates a session for the employee and returns its token (the cookie's value). */
  async create(empId: number, now = Date.now()): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    const id = sessionIdOf(token)
    // Expired sessions are swept here rather than on a timer: logins are rare and this is one indexed delete.
    await this.db.deleteFrom('session').where('expires_at', '<=', now).execute()
    await this.db
      .insertInto('session')
      .values({ id, emp_id: empId, created_at: now, expires_at: now + this.ttlMs })
      .execute()
    await this.endOldest(empId, id)
    return token
  }

  /**
   * Ends the user's sessions beyond `maxPerUser`, oldest first; the new session `keepId` always stays
   * (a session created in the same millisecond must not push it out).
   */
  private async endOldest(empId: number, keepId: string): Promise<void> {
    const newestOthers = this.db
      .selectFrom('session')
      .select('id')
      .where('emp_id', '=', empId)
      .where('id', '!=', keepId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(this.maxPerUser - 1)
    // Returning the ids, so the sessions' open WebSockets can be closed too.
    const ended = await this.db
      .deleteFrom('session')
      .where('emp_id', '=', empId)
      .where('id', '!=', keepId)
      .where('id', 'not in', newestOthers)
      .returning('id')
      .execute()
    if (ended.length > 0) this.onEnded(ended.map((row) => row.id))
  }

  async find(token: string, now = Date.now()): Promise<SessionUser | null> {
    const row = await this.db
      .selectFrom('session')
      .innerJoin('employee', 'employee.emp_id', 'session.emp_id')
      .select(['employee.emp_id', 'employee.username', 'employee.role', 'employee.tenant_id'])
      .where('session.id', '=', sessionIdOf(token))
      .where('session.expires_at', '>', now)
      .executeTakeFirst()
    if (!row || row.username === null) return null
    return { id: row.emp_id, username: row.username, roles: [row.role], tenantId: row.tenant_id }
  }

  /** Ends the session of `token` (logout). */
  async delete(token: string): Promise<void> {
    const id = sessionIdOf(token)
    await this.db.deleteFrom('session').where('id', '=', id).execute()
    this.onEnded([id])
  }
}

/** The ids among `ids` whose sessions still exist and have not expired. */
export async function liveSessionIds(db: Db, ids: readonly string[], now = Date.now()): Promise<Set<string>> {
  const found = new Set<string>()
  // Chunks keep each statement's parameter list well under SQLite's and PostgreSQL's limits.
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('session')
      .select('id')
      .where('id', 'in', ids.slice(start, start + 500))
      .where('expires_at', '>', now)
      .execute()
    for (const row of rows) found.add(row.id)
  }
  return found
}
