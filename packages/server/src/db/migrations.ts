import type { Kysely, Migration, MigrationProvider } from 'kysely'
import { employeeRow, SAMPLE_TENANT_ID, sampleDepartments, sampleEmployees } from './hrdb-sample.js'

export type Dialect = 'sqlite' | 'postgres'

/**
 * The migrations, in code so the bundle needs no migration files on disk. Only the DDL knows the
 * dialect (an auto-increment key is spelled differently); every query elsewhere is dialect-free.
 * Never edit a published migration: add the next one.
 */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) }
}

function migrations(dialect: Dialect): Record<string, Migration> {
  const serial = dialect === 'postgres' ? 'serial' : 'integer'
  const bigSerial = dialect === 'postgres' ? 'bigserial' : 'integer'
  // SQLite needs AUTOINCREMENT so ids are never reused after a delete (chat resume relies on it).
  const autoIncrement = dialect === 'sqlite'

  return {
    '0001_hrdb_schema': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('department')
          .addColumn('dept_id', serial, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('budget', 'integer')
          .addColumn('dept_code', 'text')
          .addColumn('location', 'text')
          .addColumn('tenant_id', 'integer')
          .execute()
        await db.schema
          .createTable('employee')
          .addColumn('emp_id', serial, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('firstname', 'text', (c) => c.notNull())
          .addColumn('lastname', 'text', (c) => c.notNull())
          .addColumn('street', 'text')
          .addColumn('city', 'text')
          .addColumn('state', 'text')
          .addColumn('zip', 'text')
          .addColumn('birthdate', 'text')
          .addColumn('picurl', 'text')
          .addColumn('job_title', 'text')
          .addColumn('dept_id', 'integer', (c) => c.references('department.dept_id'))
          .addColumn('username', 'text', (c) => c.unique())
          .addColumn('password_hash', 'text')
          .addColumn('role', 'text', (c) => c.notNull().defaultTo('user'))
          .addColumn('manager_id', 'integer', (c) => c.references('employee.emp_id'))
          .addColumn('tenant_id', 'integer')
          .execute()
        await db.schema.createIndex('employee_dept_id').on('employee').column('dept_id').execute()
        await db.schema
          .createTable('chat_message')
          .addColumn('id', bigSerial, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('room', 'text', (c) => c.notNull())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('time', 'bigint', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('chat_message_room_id').on('chat_message').columns(['room', 'id']).execute()
        await db.schema
          .createTable('session')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('emp_id', 'integer', (c) => c.notNull().references('employee.emp_id').onDelete('cascade'))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('session_expires_at').on('session').column('expires_at').execute()
      },
      async down(db: Kysely<unknown>) {
        for (const table of ['session', 'chat_message', 'employee', 'department'])
          await db.schema.dropTable(table).execute()
      },
    },
    // The sample data ships as a migration: it runs exactly once per database, under the migrator's
    // lock, so two instances starting together never seed twice.
    '0002_hrdb_sample_data': {
      async up(untyped: Kysely<unknown>) {
        const db = untyped as Kysely<import('./schema.js').Database>
        const deptIds = new Map<string, number>()
        for (const d of sampleDepartments) {
          const row = await db
            .insertInto('department')
            .values({
              name: d.name,
              budget: d.budget,
              dept_code: d.deptCode,
              location: d.location,
              tenant_id: SAMPLE_TENANT_ID,
            })
            .returning('dept_id')
            .executeTakeFirstOrThrow()
          deptIds.set(d.name, row.dept_id)
        }
        const empIds = new Map<string, number>()
        for (const e of sampleEmployees) {
          const row = await db
            .insertInto('employee')
            .values(
              employeeRow(e, {
                deptId: deptIds.get(e.department) ?? null,
                managerId: e.manager === null ? null : (empIds.get(e.manager) ?? null),
                passwordHash: null,
              }),
            )
            .returning('emp_id')
            .executeTakeFirstOrThrow()
          empIds.set(e.username, row.emp_id)
        }
      },
      async down(untyped: Kysely<unknown>) {
        const db = untyped as Kysely<import('./schema.js').Database>
        await db.deleteFrom('employee').execute()
        await db.deleteFrom('department').execute()
      },
    },
    // A login ends the user's oldest sessions beyond SESSION_MAX_PER_USER: find them by user, not by scan.
    '0003_session_emp_id_index': {
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('session_emp_id').on('session').columns(['emp_id', 'created_at']).execute()
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('session_emp_id').execute()
      },
    },
  }
}
