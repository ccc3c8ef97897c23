/**
 * The stable codes of Tether's HTTP API. Every error response is JSON `{ code, message }` (plus
 * `details` for validation errors); codes never change meaning once published. Features may use
 * their own `TETHER_…` codes (e.g. the projects routes), documented beside them.
 */
export const ApiErrorCodes = {
  /** The request body, query or path failed validation; `details` lists each problem with its path. */
  VALIDATION_FAILED: 'TETHER_VALIDATION_FAILED',
  /** The request is malformed (e.g. the body is not valid JSON). */
  BAD_REQUEST: 'TETHER_BAD_REQUEST',
  /** No session: log in with `POST /api/auth/login` first. */
  UNAUTHENTICATED: 'TETHER_UNAUTHENTICATED',
  /** The session's user lacks the role this needs, or the request came from a foreign origin. */
  FORBIDDEN: 'TETHER_FORBIDDEN',
  /** Username or password is wrong. */
  INVALID_CREDENTIALS: 'TETHER_INVALID_CREDENTIALS',
  /** Too many attempts; retry after the number of seconds in the `Retry-After` header. */
  RATE_LIMITED: 'TETHER_RATE_LIMITED',
  /** Nothing at this URL, or no record with this id. */
  NOT_FOUND: 'TETHER_NOT_FOUND',
  /** The change conflicts with stored data (duplicate username, record still referenced…). */
  CONFLICT: 'TETHER_CONFLICT',
  /** State-changing requests must send `content-type: application/json`. */
  UNSUPPORTED_MEDIA_TYPE: 'TETHER_UNSUPPORTED_MEDIA_TYPE',
  /** The request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: 'TETHER_PAYLOAD_TOO_LARGE',
  /** The server is at a documented limit for this kind of work (e.g. `LOGIN_QUEUE_MAX`); retry after `Retry-After` seconds. */
  BUSY: 'TETHER_BUSY',
  /** The request's headers are larger than the server accepts (16 KiB together). */
  HEADERS_TOO_LARGE: 'TETHER_HEADERS_TOO_LARGE',
  /** The request did not arrive in time. */
  REQUEST_TIMEOUT: 'TETHER_REQUEST_TIMEOUT',
  /** The server's configuration is invalid (reported at start, never to clients). */
  INVALID_CONFIG: 'TETHER_INVALID_CONFIG',
  /** An unexpected server fault; the server log has the details under the request id. */
  INTERNAL: 'TETHER_INTERNAL',
} as const

export type ApiErrorCode = (typeof ApiErrorCodes)[keyof typeof ApiErrorCodes]

/** One problem found in the input, located by its path (e.g. `body.firstname`, `query.where.deptId`). */
export interface ApiErrorDetail {
  path: string
  message: string
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
  readonly code: string
  readonly details: readonly ApiErrorDetail[]
  readonly headers: Readonly<Record<string, string>>

  constructor(
    statusCode: number,
    code: ApiErrorCode | (string & {}),
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
