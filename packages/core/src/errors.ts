/**
 * Every error Tether's core raises or reports is a `TetherError` with a stable `code`.
 * Codes never change meaning once published; the list below is the one place they are documented
 * (the README's "Error codes" table is generated from the same wording).
 */
export const ErrorCodes = {
  /** A service definition (object or JSON) failed validation; `details` lists every problem with its path. */
  INVALID_SERVICE_DEFINITION: 'TETHER_INVALID_SERVICE_DEFINITION',
  /** A variable's options are invalid (unknown onNewData, negative dataLimit, missing service…). */
  INVALID_VARIABLE_OPTIONS: 'TETHER_INVALID_VARIABLE_OPTIONS',
  /** The service URL is not a ws:// or wss:// URL, could not be built from its template, or is relative with no baseUrl. */
  INVALID_URL: 'TETHER_INVALID_URL',
  /** A required query or path parameter has no value. */
  MISSING_REQUIRED_PARAMS: 'TETHER_MISSING_REQUIRED_PARAMS',
  /** Connecting failed (refused, DNS, TLS, HTTP status on upgrade, no handshake within connectTimeoutMs) or the socket closed before opening. */
  CONNECT_FAILED: 'TETHER_CONNECT_FAILED',
  /** The connection was lost while open (abnormal close or heartbeat timeout). */
  CONNECTION_LOST: 'TETHER_CONNECTION_LOST',
  /** No frame arrived within the heartbeat's idle timeout; the connection is treated as dead. */
  HEARTBEAT_TIMEOUT: 'TETHER_HEARTBEAT_TIMEOUT',
  /** onBeforeOpen returned false. */
  OPEN_CANCELLED: 'TETHER_OPEN_CANCELLED',
  /** close() was called while an open() was in progress. */
  CLOSED_BY_USER: 'TETHER_CLOSED_BY_USER',
  /** The send queue (messages waiting for the socket to open) is full; the message was not queued. */
  SEND_QUEUE_FULL: 'TETHER_SEND_QUEUE_FULL',
  /** A message could not be sent (serialization failed, socket refused it). */
  SEND_FAILED: 'TETHER_SEND_FAILED',
  /** An event handler threw; the variable keeps running and reports it here. */
  HANDLER_FAILED: 'TETHER_HANDLER_FAILED',
  /** No WebSocket implementation: pass `WebSocket` in the options or run where globalThis.WebSocket exists. */
  NO_WEBSOCKET: 'TETHER_NO_WEBSOCKET',
  /** The service is shared (one upstream connection for every viewer): viewers only receive, so the message was not sent. */
  FEED_READ_ONLY: 'TETHER_FEED_READ_ONLY',
  /** The service has `useProxy: true` but the variable was given no `proxyUrl` to reach the server's proxy. */
  PROXY_NOT_CONFIGURED: 'TETHER_PROXY_NOT_CONFIGURED',
  /** The service refused the credentials (login, passcode, password, token, auth payload); not retried: fix them and open again. */
  AUTH_FAILED: 'TETHER_AUTH_FAILED',
  /** The service broke its protocol or ended the connection with a protocol error (STOMP ERROR, a malformed packet). */
  PROTOCOL_ERROR: 'TETHER_PROTOCOL_ERROR',
  /** The service refused one channel's subscription (a bad GraphQL document, a forbidden topic); the other channels carry on. */
  SUBSCRIPTION_FAILED: 'TETHER_SUBSCRIPTION_FAILED',
  /** The service's protocol could not be loaded (its code is not in this build, or the network failed to deliver it); not retried. */
  PROTOCOL_UNAVAILABLE: 'TETHER_PROTOCOL_UNAVAILABLE',
  /** The server's proxy refused the target (not allowed, private address, not the saved service's URL); read from a 4403 close reason. */
  PROXY_FORBIDDEN: 'TETHER_PROXY_FORBIDDEN',
  /** The service lets each signed-in user act only as themself (the chat's `?username=` names someone else); read from a 4403 close reason. */
  ACTING_AS_ANOTHER_USER: 'TETHER_ACTING_AS_ANOTHER_USER',
  /** A message is not valid in its service's payloadFormat (MessagePack, CBOR, Protocol Buffers); the error keeps its bytes and shows the first ones in hex. */
  DECODE_FAILED: 'TETHER_DECODE_FAILED',
  /** A binding expression could not be parsed. */
  EXPRESSION_SYNTAX: 'TETHER_EXPRESSION_SYNTAX',
  /** A binding expression failed while being evaluated (unknown filter, forbidden access, too deep…). */
  EXPRESSION_EVALUATION: 'TETHER_EXPRESSION_EVALUATION',
  /** A page or project file (from @tether/runtime) failed validation; `details` lists every problem with its path. */
  INVALID_PAGE_DEFINITION: 'TETHER_INVALID_PAGE_DEFINITION',
  /** The loggedInUser variable could not ask the server who is signed in (network error, unexpected answer). */
  AUTH_UNAVAILABLE: 'TETHER_AUTH_UNAVAILABLE',
  /** A Database CRUD variable's request failed (HTTP error, network, malformed response). */
  CRUD_REQUEST_FAILED: 'TETHER_CRUD_REQUEST_FAILED',
} as const

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes]

/** One problem found while validating input, located by its path (e.g. `queryParams[1].name`). */
export interface ErrorDetail {
  path: string
  message: string
}

/**
 * The error class of `@tether/core`. `code` is stable and machine-readable; `message` says what
 * happened and what to do next; `details` lists every problem for validation errors.
 *
 * @example
 * try { defineWebSocketService({ name: '', url: 'http://x' }) }
 * catch (e) { if (e instanceof TetherError) console.log(e.code, e.details) }
 */
export class TetherError extends Error {
  readonly code: ErrorCode
  readonly details: readonly ErrorDetail[]
  /** The WebSocket close code the failure came with, when it came with one (4401: signed out). */
  readonly closeCode: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetail[]; cause?: unknown; closeCode?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'TetherError'
    this.code = code
    this.details = options.details ?? []
    this.closeCode = options.closeCode
  }

  /** A plain-object form that survives JSON (for status snapshots, logs and the wire). */
  toJSON(): { name: string; code: ErrorCode; message: string; details: readonly ErrorDetail[] } {
    return { name: this.name, code: this.code, message: this.message, details: this.details }
  }
}

/** True for a TetherError with the given code (works across bundle copies, unlike instanceof). */
export function isTetherError(value: unknown, code?: ErrorCode): value is TetherError {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as { name?: unknown; code?: unknown }
  return (
    candidate.name === 'TetherError' &&
    typeof candidate.code === 'string' &&
    (code === undefined || candidate.code === code)
  )
}
