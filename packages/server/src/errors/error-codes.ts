import { ErrorCodes } from '@tether/core'

/**
 * Every code the server sends: in HTTP error bodies (`{ code, message }`) and at the start of the
 * close reasons of its WebSocket endpoints (`CODE: message`). Codes never change meaning once
 * published. The server README's "Error codes" table lists exactly these (a test compares them).
 * Codes a client also reads (the proxy's refusals) come from `@tether/core`, so both sides agree.
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
  /** The Host header names a host this server does not answer to (`ALLOWED_HOSTS`): DNS rebinding protection. */
  HOST_NOT_ALLOWED: 'TETHER_HOST_NOT_ALLOWED',
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
  /** No project with this name in the projects folder. */
  PROJECT_NOT_FOUND: 'TETHER_PROJECT_NOT_FOUND',
  /** A file of the project is not valid JSON or fails validation; the message names the file. */
  PROJECT_INVALID: 'TETHER_PROJECT_INVALID',
  /** A project's security provider cannot sign anyone in (no such entity, the id field is not its key, the password field is not its stored password hash…); `details` says what to pick. */
  SECURITY_PROVIDER_INVALID: 'TETHER_SECURITY_PROVIDER_INVALID',
  /** A page script does not parse as a JavaScript module; `details[0]` has its `line`, `column` and the parser's message. */
  SCRIPT_SYNTAX_ERROR: 'TETHER_SCRIPT_SYNTAX_ERROR',
  /** The app bundle has not been built yet (`npm run build`). */
  APP_NOT_BUILT: 'TETHER_APP_NOT_BUILT',
  /** The proxy's `?url=` is missing or not a URL of the service's transport (ws/wss; http/https for event streams). */
  INVALID_URL: ErrorCodes.INVALID_URL,
  /** A saved service reached through the proxy has a required parameter with no value in the query. */
  MISSING_REQUIRED_PARAMS: ErrorCodes.MISSING_REQUIRED_PARAMS,
  /** The proxy refused the target (not in PROXY_ALLOW, a private address, not the saved service's URL). */
  PROXY_FORBIDDEN: ErrorCodes.PROXY_FORBIDDEN,
  /** The proxy could not reach the upstream service (DNS, refused, timeout, HTTP error on upgrade, not an event stream). */
  CONNECT_FAILED: ErrorCodes.CONNECT_FAILED,
  /** Through the proxy, the service refused the login (STOMP ERROR, MQTT CONNACK 4/5, an event stream's 401/403). */
  AUTH_FAILED: ErrorCodes.AUTH_FAILED,
  /** Through the proxy, the browser's first STOMP frame or MQTT packet was not the protocol's CONNECT. */
  PROTOCOL_ERROR: ErrorCodes.PROTOCOL_ERROR,
  /** The chat's `?username=` names someone other than the session's user: each user posts only as themself (close 4403). */
  ACTING_AS_ANOTHER_USER: ErrorCodes.ACTING_AS_ANOTHER_USER,
  /** `/readyz`: a dependency (database, Redis) does not answer; the message and `checks` say which. */
  NOT_READY: 'TETHER_NOT_READY',
  /** The database did not answer in time (or refused the connection); try again shortly. */
  DATABASE_UNAVAILABLE: 'TETHER_DATABASE_UNAVAILABLE',
  /** A viewer of a shared service sent a message: viewers only receive (an error frame; the connection stays). */
  FEED_READ_ONLY: ErrorCodes.FEED_READ_ONLY,
  /** The shared feed has `FEED_MAX_VIEWERS` viewers on this server (close 1013); try later. */
  FEED_FULL: 'TETHER_FEED_FULL',
  /** This server has `FEED_MAX_PER_INSTANCE` shared feeds open (close 1013); try later. */
  TOO_MANY_FEEDS: 'TETHER_TOO_MANY_FEEDS',
  /** The server's configuration is invalid (reported at start, never to clients). */
  INVALID_CONFIG: 'TETHER_INVALID_CONFIG',
  /** An unexpected server fault; the server log has the details under the request id. */
  INTERNAL: 'TETHER_INTERNAL',
} as const

export type ApiErrorCode = (typeof ApiErrorCodes)[keyof typeof ApiErrorCodes]
