import type { Kysely } from 'kysely'
import type { Db } from '../db/index.js'

/**
 * Where a sign-in finds its users: the table and columns of an app's Database provider. They come from
 * the CRUD entity whitelist (`crud/sign-in-provider.ts`), never from text a client or a project file
 * sent, and reach SQL only through Kysely's identifier quoting.
 */
export interface SignInColumns {
  table: string
  /** The key; sessions store it. */
  id: string
  username: string
  passwordHash: string
  /** Defaults to none: users have no role. */
  role: string | null
}

/** The columns of the app named `project`, or of the built-in Employee mapping when `project` is null. */
export type SignInColumnsFor = (project: string | null) => Promise<SignInColumns>

// Names are dynamic here (see SignInColumns); values are always bound parameters.
type AnyDb = Kysely<Record<string, Record<string, unknown>>>

/** The user record whose username is `username`: its id and password hash, if any. */
export async function findSignInRecord(
  db: Db,
  columns: SignInColumns,
  username: string,
): Promise<{ id: number; passwordHash: string | null } | undefined> {
  const row = await (db as unknown as AnyDb)
    .selectFrom(columns.table)
    .select((eb) => [eb.ref(columns.id).as('id'), eb.ref(columns.passwordHash).as('passwordHash')])
    .where(columns.username, '=', username)
    .executeTakeFirst()
  if (!row) return undefined
  return { id: Number(row.id), passwordHash: typeof row.passwordHash === 'string' ? row.passwordHash : null }
}

/** The username and roles of user `id` as the app's provider sees them (null when the record is gone). */
export async function readAppUser(
  db: Db,
  columns: SignInColumns,
  id: number,
): Promise<{ name: string | null; roles: string[] } | null> {
  const { role } = columns
  const row = await (db as unknown as AnyDb)
    .selectFrom(columns.table)
    .select((eb) => [eb.ref(columns.username).as('name'), ...(role === null ? [] : [eb.ref(role).as('role')])])
    .where(columns.id, '=', id)
    .executeTakeFirst()
  if (!row) return null
  const roleValue = row.role
  return {
    name: typeof row.name === 'string' ? row.name : null,
    roles: typeof roleValue === 'string' && roleValue !== '' ? [roleValue] : [],
  }
}
