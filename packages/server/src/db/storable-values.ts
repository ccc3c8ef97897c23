import { z } from 'zod'

/**
 * What the database columns can hold, the same on SQLite and PostgreSQL. SQLite stores nearly anything;
 * PostgreSQL refuses a NUL character in text and an integer beyond its column's 32 bits, and would
 * answer with a database error (a 500). So every door that takes text or an integer for a column
 * checks it here first and answers 400 `TETHER_VALIDATION_FAILED` on both databases alike.
 */

/** Smallest value of an `integer` column (PostgreSQL's int4). */
export const INTEGER_COLUMN_MIN = -(2 ** 31)
/** Largest value of an `integer` column (PostgreSQL's int4): ids, foreign keys, budgets. */
export const INTEGER_COLUMN_MAX = 2 ** 31 - 1

/** Why text with a NUL character is refused, for error details and close reasons. */
export const NUL_CHARACTER_RULE = 'Text may not contain NUL (U+0000) characters.'

/** True when `text` holds a NUL character, which PostgreSQL's text columns cannot store. */
export function hasNulCharacter(text: string): boolean {
  return text.includes('\u0000')
}

/** True when `value` fits an `integer` column. */
export function fitsIntegerColumn(value: number): boolean {
  return Number.isInteger(value) && value >= INTEGER_COLUMN_MIN && value <= INTEGER_COLUMN_MAX
}

/** A zod string that a text column can store: no NUL character, at most `maxLength` characters. */
export function storableText(maxLength: number): z.ZodString {
  return z
    .string()
    .max(maxLength)
    .refine((text) => !hasNulCharacter(text), NUL_CHARACTER_RULE)
}

/** A zod number that an `integer` column can store. */
export function storableInteger(): z.ZodNumber {
  return z.number().int().min(INTEGER_COLUMN_MIN).max(INTEGER_COLUMN_MAX)
}
