import { expect } from 'vitest'
import type { TetherError } from '../../errors.js'

/** Runs `fn`, asserts it threw a TetherError with `code`, and returns the error for further checks. */
export function catchTetherError(fn: () => unknown, code: string): TetherError {
  let thrown: unknown
  try {
    fn()
  } catch (error) {
    thrown = error
  }
  expect(thrown, 'expected a TetherError to be thrown').toMatchObject({ name: 'TetherError', code })
  return thrown as TetherError
}
