import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db/index.js'

/** The user a session belongs to, as every feature sees it. */
export interface SessionUser {
  id: number
  username: string
  roles: string[]
  tenantId: number | null
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

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
  ) {}

  /** Creates a session for the employee and returns its token (the cookie's value). */
  async create(empId: number, now = Date.now()): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    const id = hashToken(token)
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
    await this.db
      .deleteFrom('session')
      .where('emp_id', '=', empId)
      .where('id', '!=', keepId)
      .where('id', 'not in', newestOthers)
      .execute()
  }

  async find(token: string, now = Date.now()): Promise<SessionUser | null> {
    const row = await this.db
      .selectFrom('session')
      .innerJoin('employee', 'employee.emp_id', 'session.emp_id')
      .select(['employee.emp_id', 'employee.username', 'employee.role', 'employee.tenant_id'])
      .where('session.id', '=', hashToken(token))
      .where('session.expires_at', '>', now)
      .executeTakeFirst()
    if (!row || row.username === null) return null
    return { id: row.emp_id, username: row.username, roles: [row.role], tenantId: row.tenant_id }
  }

  async delete(token: string): Promise<void> {
    await this.db.deleteFrom('session').where('id', '=', hashToken(token)).execute()
  }
}
