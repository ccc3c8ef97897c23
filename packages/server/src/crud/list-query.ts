import {
  fitsIntegerColumn,
  hasNulCharacter,
  INTEGER_COLUMN_MAX,
  INTEGER_COLUMN_MIN,
  NUL_CHARACTER_RULE,
} from '../db/index.js'
import { type ApiErrorDetail, validationError } from '../errors/index.js'
import type { EntityDefinition, FieldDefinition } from './entities.js'

/** Filter operators: `where[field][op]=value`; `where[field]=value` means `eq`. */
export const FILTER_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'in', 'isNull'] as const
export type FilterOperator = (typeof FILTER_OPERATORS)[number]

/** The operators a field can be filtered with: `contains` is for text, numbers take the rest. */
export function operatorsFor(field: FieldDefinition): FilterOperator[] {
  return FILTER_OPERATORS.filter((op) => op !== 'contains' || field.type !== 'integer')
}

export interface Filter {
  field: string
  column: string
  op: FilterOperator
  /** A number or string for comparisons, a list for `in`, a boolean for `isNull`. */
  value: string | number | boolean | (string | number)[]
}

export interface ListQuery {
  filters: Filter[]
  sort: { column: string; direction: 'asc' | 'desc' }[]
  /** 1-based. */
  page: number
  size: number
}

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 500
/** Most values one `in` filter takes. */
export const MAX_IN_VALUES = 500

const WHERE_KEY = /^where\[([A-Za-z][A-Za-z0-9]*)\](?:\[([A-Za-z]+)\])?$/

function convert(
  field: FieldDefinition,
  raw: string,
  path: string,
  problems: ApiErrorDetail[],
): string | number | undefined {
  if (field.type !== 'integer') {
    if (!hasNulCharacter(raw)) return raw
    problems.push({ path, message: NUL_CHARACTER_RULE })
    return undefined
  }
  const value = Number(raw)
  if (raw.trim() === '' || !fitsIntegerColumn(value)) {
    problems.push({
      path,
      message: `Expected an integer from ${INTEGER_COLUMN_MIN} to ${INTEGER_COLUMN_MAX}, got "${raw}".`,
    })
    return undefined
  }
  return value
}

function positiveInt(raw: unknown, path: string, fallback: number, max: number, problems: ApiErrorDetail[]): number {
  if (raw === undefined) return fallback
  const value = typeof raw === 'string' ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    problems.push({ path, message: `Expected an integer from 1 to ${max}.` })
    return fallback
  }
  return value
}

/**
 * Parses a list request's query string into filters, sort and paging, checking every field name
 * against the entity's whitelist. Collects every problem and throws one TETHER_VALIDATION_FAILED.
 *
 * @example
 * // ?where[deptId][eq]=1&where[firstname][contains]=an&where[empId][in]=1,2&sort=lastname,-empId&page=2&size=10
 */
export function parseListQuery(entity: EntityDefinition, query: Record<string, unknown>): ListQuery {
  const problems: ApiErrorDetail[] = []
  const filters: Filter[] = []

  for (const [key, raw] of Object.entries(query)) {
    const path = `query.${key}`
    if (key === 'sort' || key === 'page' || key === 'size') {
      if (typeof raw !== 'string') problems.push({ path, message: 'Give this parameter once.' })
      continue
    }
    const match = WHERE_KEY.exec(key)
    if (!match) {
      problems.push({ path, message: 'Unknown query parameter. Use where[field][op]=value, sort, page and size.' })
      continue
    }
    const [, fieldName = '', opName = 'eq'] = match
    const field = Object.hasOwn(entity.fields, fieldName) ? entity.fields[fieldName] : undefined
    if (!field) {
      problems.push({
        path,
        message: `Unknown field "${fieldName}". Fields: ${Object.keys(entity.fields).join(', ')}.`,
      })
      continue
    }
    if (!(FILTER_OPERATORS as readonly string[]).includes(opName)) {
      problems.push({ path, message: `Unknown operator "${opName}". Operators: ${FILTER_OPERATORS.join(', ')}.` })
      continue
    }
    const op = opName as FilterOperator
    if (typeof raw !== 'string') {
      problems.push({ path, message: 'Give each filter once; combine values with the "in" operator.' })
      continue
    }
    if (op === 'isNull') {
      if (raw !== 'true' && raw !== 'false') problems.push({ path, message: 'Expected true or false.' })
      else filters.push({ field: fieldName, column: field.column, op, value: raw === 'true' })
    } else if (op === 'in') {
      const parts = raw.split(',')
      if (parts.length > MAX_IN_VALUES) {
        problems.push({ path, message: `At most ${MAX_IN_VALUES} values.` })
        continue
      }
      const values = parts.map((part) => convert(field, part, path, problems))
      if (values.every((v) => v !== undefined))
        filters.push({ field: fieldName, column: field.column, op, value: values })
    } else if (!operatorsFor(field).includes(op)) {
      problems.push({ path, message: `"${op}" works on text fields; ${fieldName} is a number.` })
    } else if (op === 'contains') {
      const value = convert(field, raw, path, problems)
      if (value !== undefined) filters.push({ field: fieldName, column: field.column, op, value })
    } else {
      const value = convert(field, raw, path, problems)
      if (value !== undefined) filters.push({ field: fieldName, column: field.column, op, value })
    }
  }

  const sort: ListQuery['sort'] = []
  const sortParam = typeof query.sort === 'string' ? query.sort : ''
  for (const item of sortParam.split(',').filter((s) => s !== '')) {
    const direction = item.startsWith('-') ? 'desc' : 'asc'
    const name = item.replace(/^[-+]/, '')
    const field = Object.hasOwn(entity.fields, name) ? entity.fields[name] : undefined
    if (!field) problems.push({ path: 'query.sort', message: `Unknown field "${name}" in sort.` })
    else sort.push({ column: field.column, direction })
  }

  const page = positiveInt(query.page, 'query.page', 1, Number.MAX_SAFE_INTEGER, problems)
  const size = positiveInt(query.size, 'query.size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, problems)
  if (problems.length > 0) throw validationError('The list query is invalid.', problems)
  return { filters, sort, page, size }
}
