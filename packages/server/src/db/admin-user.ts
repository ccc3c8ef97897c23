import { hashPassword } from '../security/index.js'
import type { Db } from './schema.js'

/** The first administrator of a non-demo installation, from `TETHER_ADMIN_USERNAME`/`TETHER_ADMIN_PASSWORD`. */
export interface AdminBootstrap {
  username: string
  password: string
}

/**
 * Outside demo mode nobody has a password until one is set, and setting one needs an admin: this
 * breaks the circle. At start it creates the named employee with the admin role, or resets an
 * existing one's password and role, so a fresh production database can be logged into.
 */
export async function ensureAdminUser(db: Db, admin: AdminBootstrap): Promise<void> {
  const passwordHash = await hashPassword(admin.password)
  const existing = await db
    .selectFrom('employee')
    .select('emp_id')
    .where('username', '=', admin.username)
    .executeTakeFirst()
  if (existing) {
    await db
      .updateTable('employee')
      .set({ password_hash: passwordHash, role: 'admin' })
      .where('emp_id', '=', existing.emp_id)
      .execute()
    return
  }
  await db
    .insertInto('employee')
    .values({
      firstname: admin.username,
      lastname: '',
      street: null,
      city: null,
      state: null,
      zip: null,
      birthdate: null,
      picurl: null,
      job_title: 'Administrator',
      dept_id: null,
      username: admin.username,
      password_hash: passwordHash,
      role: 'admin',
      manager_id: null,
      tenant_id: null,
    })
    .execute()
}
