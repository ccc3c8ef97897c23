import { hashPassword, verifyPassword } from '../security/index.js'
import { demoEmployees, employeeRow } from './hrdb-sample.js'
import type { Db } from './schema.js'

/** The demo logins (password = username), for the README, the landing page and tests. */
export const DEMO_USERNAMES = demoEmployees.map((e) => e.username)

/**
 * Demo users exist only in demo mode. In demo mode each missing demo user is created; outside it,
 * any demo user that still has its well-known password loses the ability to log in, so a database
 * first started as a demo is not left with `admin/admin` when it goes to production.
 */
export async function syncDemoUsers(db: Db, demoMode: boolean): Promise<void> {
  if (!demoMode) {
    const rows = await db
      .selectFrom('employee')
      .select(['emp_id', 'username', 'password_hash'])
      .where('username', 'in', DEMO_USERNAMES)
      .execute()
    for (const row of rows) {
      if (row.username && (await verifyPassword(row.username, row.password_hash))) {
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('employee').set({ password_hash: null }).where('emp_id', '=', row.emp_id).execute()
          await trx.deleteFrom('session').where('emp_id', '=', row.emp_id).execute()
        })
      }
    }
    return
  }

  const existing = new Map(
    (
      await db
        .selectFrom('employee')
        .select(['username', 'password_hash'])
        .where('username', 'in', DEMO_USERNAMES)
        .execute()
    ).map((r) => [r.username, r.password_hash]),
  )
  for (const e of demoEmployees) {
    if (existing.has(e.username)) {
      // Disabled by an earlier non-demo start: demo mode brings the login back.
      if (existing.get(e.username) === null) {
        const hash = await hashPassword(e.username)
        await db.updateTable('employee').set({ password_hash: hash }).where('username', '=', e.username).execute()
      }
      continue
    }
    const dept = await db.selectFrom('department').select('dept_id').where('name', '=', e.department).executeTakeFirst()
    const manager = e.manager
      ? await db.selectFrom('employee').select('emp_id').where('username', '=', e.manager).executeTakeFirst()
      : undefined
    await db
      .insertInto('employee')
      .values(
        employeeRow(e, {
          deptId: dept?.dept_id ?? null,
          managerId: manager?.emp_id ?? null,
          passwordHash: await hashPassword(e.username),
        }),
      )
      // Another instance may have created it a moment ago: theirs is as good as ours.
      .onConflict((oc) => oc.column('username').doNothing())
      .execute()
  }
}
