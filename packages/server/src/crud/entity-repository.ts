import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import type { Db } from '../db/index.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { hashPassword } from '../security/index.js'
import type { EntityDefinition } from './entities.js'
import type { Filter, ListQuery } from './list-query.js'

export interface ListResult {
  data: Record<string, unknown>[]
  page: number
  size: number
  total: number
}

// Table and column names are dynamic here but only ever come from the entity whitelist, and go
// through Kysely's identifier quoting; values are always bound parameters.
type AnyDb = Kysely<Record<string, Record<string, unknown>>>
type AnyEb = ExpressionBuilder<Record<string, Record<string, unknown>>, string>

const LIKE_ESCAPE = '!'
const escapeLike = (text: string) => text.replace(/[!%_]/g, (c) => LIKE_ESCAPE + c)

function condition(eb: AnyEb, filter: Filter) {
  const ref = eb.ref(filter.column)
  switch (filter.op) {
    case 'eq':
      return eb(ref, '=', filter.value)
    case 'ne':
      // SQL's <> drops NULLs; "not equal to 1" should include rows with no value.
      return eb.or([eb(ref, '<>', filter.value), eb(ref, 'is', null)])
    case 'lt':
      return eb(ref, '<', filter.value)
    case 'lte':
      return eb(ref, '<=', filter.value)
    case 'gt':
      return eb(ref, '>', filter.value)
    case 'gte':
      return eb(ref, '>=', filter.value)
    case 'in':
      return eb(ref, 'in', filter.value as (string | number)[])
    case 'isNull':
      return filter.value ? eb(ref, 'is', null) : eb(ref, 'is not', null)
    case 'contains': {
      // Case-insensitive on both dialects (SQLite's LIKE already is for ASCII, PostgreSQL's is not).
      const pattern = `%${escapeLike(String(filter.value).toLowerCase())}%`
      return sql<boolean>`lower(${ref}) like ${pattern} escape ${sql.lit(LIKE_ESCAPE)}`
    }
  }
}

function constraintKind(error: unknown): 'unique' | 'foreignKey' | 'notNull' | null {
  const code = String((error as { code?: unknown }).code ?? '')
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return 'unique'
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreignKey'
  if (code === '23502' || code === 'SQLITE_CONSTRAINT_NOTNULL') return 'notNull'
  return null
}

/** Reads and writes one entity's rows, translating between API fields and columns. */
export class EntityRepository {
  private readonly db: AnyDb
  private readonly idColumn: string
  private readonly columns: [string, string][]

  constructor(
    db: Db,
    private readonly entity: EntityDefinition,
  ) {
    this.db = db as unknown as AnyDb
    this.idColumn = entity.fields[entity.idField]!.column
    this.columns = Object.entries(entity.fields).map(([name, f]) => [name, f.column])
  }

  private toApi(row: Record<string, unknown>): Record<string, unknown> {
    const record: Record<string, unknown> = {}
    for (const [name, column] of this.columns) record[name] = row[column] ?? null
    return record
  }

  private async toColumns(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const values: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(input)) {
      if (value === undefined) continue
      const password = this.entity.passwordHash
      if (name === password?.field) values[password.column] = value === null ? null : await hashPassword(String(value))
      else values[this.entity.fields[name]!.column] = value
    }
    return values
  }

  async list(query: ListQuery): Promise<ListResult> {
    const table = this.entity.table
    const where = (eb: AnyEb) => eb.and(query.filters.map((f) => condition(eb, f)))
    const counted = await this.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where(where)
      .executeTakeFirstOrThrow()
    let select = this.db
      .selectFrom(table)
      .select(this.columns.map(([, column]) => column))
      .where(where)
    for (const s of query.sort) select = select.orderBy(s.column, s.direction)
    // The id breaks ties so pages never overlap or skip rows.
    if (!query.sort.some((s) => s.column === this.idColumn)) select = select.orderBy(this.idColumn, 'asc')
    const rows = await select
      .limit(query.size)
      .offset((query.page - 1) * query.size)
      .execute()
    return { data: rows.map((r) => this.toApi(r)), page: query.page, size: query.size, total: Number(counted.total) }
  }

  async get(id: number): Promise<Record<string, unknown>> {
    const row = await this.db
      .selectFrom(this.entity.table)
      .select(this.columns.map(([, column]) => column))
      .where(this.idColumn, '=', id)
      .executeTakeFirst()
    if (!row) throw this.notFound(id)
    return this.toApi(row)
  }

  async create(input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const values = await this.toColumns(input)
    const row = await this.guard(() =>
      this.db.insertInto(this.entity.table).values(values).returning(this.idColumn).executeTakeFirstOrThrow(),
    )
    return this.get(Number(row[this.idColumn]))
  }

  /** Updates the given fields (`replace` sets every other writable field to null, as PUT means). */
  async update(id: number, input: Record<string, unknown>, replace: boolean): Promise<Record<string, unknown>> {
    const values = await this.toColumns(input)
    if (replace) {
      for (const field of Object.values(this.entity.fields)) {
        if (!field.readOnly && !field.notNull && !(field.column in values)) values[field.column] = null
      }
    }
    if (Object.keys(values).length === 0) return this.get(id)
    const result = await this.guard(() =>
      this.db.updateTable(this.entity.table).set(values).where(this.idColumn, '=', id).executeTakeFirst(),
    )
    if (Number(result.numUpdatedRows) === 0) throw this.notFound(id)
    return this.get(id)
  }

  async delete(id: number): Promise<void> {
    const result = await this.guard(() =>
      this.db.deleteFrom(this.entity.table).where(this.idColumn, '=', id).executeTakeFirst(),
    )
    if (Number(result.numDeletedRows) === 0) throw this.notFound(id)
  }

  private notFound(id: number): ApiError {
    return new ApiError(404, ApiErrorCodes.NOT_FOUND, `No ${this.entity.name} with ${this.entity.idField} ${id}.`)
  }

  private async guard<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } catch (error) {
      const kind = constraintKind(error)
      if (kind === null) throw error
      const message = {
        unique: 'A record with this value already exists (e.g. the username is taken). Choose another value.',
        foreignKey:
          'The change breaks a reference: a referenced record (e.g. deptId, managerId) does not exist, or other records still refer to this one.',
        notNull: 'A required value is missing.',
      }[kind]
      throw new ApiError(409, ApiErrorCodes.CONFLICT, message, { cause: error })
    }
  }
}
