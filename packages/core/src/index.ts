// @tether/core — the public surface. Everything exported is listed by name; internals stay internal.
export { ErrorCodes, TetherError, isTetherError } from './errors.js'
export type { ErrorCode, ErrorDetail } from './errors.js'
