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

/**
 * Sessions live in the database, so they survive a restart (with a fixed SESSION_SECRET) and every
 * instance behind a load balancer sees the same ones. Only a hash of each token is stored.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
  ) {}

  /** Creates a session for the employee and returns its token (the cookie's value). */
  async create(empId: number, now = Date.now()): Promise<string> {
    const token = randomBytes(32).toString('base64url')
    // Expired sessions are swept here rather than on a timer: logins are rare and this is one indexed delete.
    await this.db.deleteFrom('session').where('expires_at', '<=', now).execute()
    await this.db
      .insertInto('session')
      .values({ id: hashToken(token), emp_id: empId, created_at: now, expires_at: now + this.ttlMs })
      .execute()
    return token
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
