import type { ApiErrorCode } from './error-codes.js'
import { ApiErrorCodes } from './error-codes.js'

/** One problem found in the input, located by its path (e.g. `body.firstname`, `query.where.deptId`). */
export interface ApiErrorDetail {
  path: string
  message: string
  /** Where in a text the problem is (a page script's syntax error): 1-based line and column. */
  line?: number
  column?: number
}

/**
 * An error meant for the client: an HTTP status, a stable `TETHER_…` code and a message that says
 * what to do next. Anything thrown in a route that is not an ApiError becomes `TETHER_INTERNAL`.
 *
 * @example
 * throw new ApiError(404, ApiErrorCodes.NOT_FOUND, 'No employee with id 42.')
 */
export class ApiError extends Error {
  readonly statusCode: number
  readonly code: ApiErrorCode
  readonly details: readonly ApiErrorDetail[]
  readonly headers: Readonly<Record<string, string>>

  constructor(
    statusCode: number,
    code: ApiErrorCode,
    message: string,
    options: { details?: ApiErrorDetail[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ApiError'
    this.statusCode = statusCode
    this.code = code
    this.details = options.details ?? []
    this.headers = options.headers ?? {}
  }
}

/** Shorthand for the most common refusal: input that failed validation, with every problem listed. */
export function validationError(message: string, details: ApiErrorDetail[]): ApiError {
  return new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, message, { details })
}

/** Turns zod issues into details with dotted paths under a prefix (`body`, `query`…). */
export function zodIssuesToDetails(
  prefix: string,
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: readonly string[] }[],
): ApiErrorDetail[] {
  const details: ApiErrorDetail[] = []
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].join('.')
    // An unknown-keys issue names several fields at once; report each one at its own path.
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const key of issue.keys) details.push({ path: `${base}.${key}`, message: 'Unknown field.' })
    } else {
      details.push({ path: base, message: issue.message })
    }
  }
  return details
}
