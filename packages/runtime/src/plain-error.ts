import { CloseCodes, ErrorCodes } from '@tether/core'

/**
 * A failure as a variable reports it (`status.lastError` of a WebSocket or CRUD variable, an `onError`
 * error): its stable code, the developer's message, and the close code or HTTP status it came with.
 */
export interface Failure {
  code?: string
  message?: string
  closeCode?: number
  httpStatus?: number
}

const SIGNED_OUT = 'You were signed out. Sign in again.'
const NOT_ALLOWED = "You don't have permission to do this. Ask the app's administrator for access."
const SET_UP_WRONGLY = "This part of the app isn't set up correctly. Tell the app's administrator."
const NO_CONNECTION = "Couldn't connect to the live data. Check your connection; the app keeps trying."
const CONNECTION_LOST = 'The live data connection was lost. The app is reconnecting.'
const SERVER_PROBLEM = 'The server had a problem. Try again in a moment.'
const BUSY = 'The service is busy right now. The app tries again shortly.'
const SOMETHING_WENT_WRONG = 'Something went wrong. Try again in a moment.'

/** Every core error code in plain words; a new code does not compile until it has its sentence. */
const BY_CODE: Readonly<Record<keyof typeof ErrorCodes, string>> = {
  INVALID_SERVICE_DEFINITION: SET_UP_WRONGLY,
  INVALID_VARIABLE_OPTIONS: SET_UP_WRONGLY,
  INVALID_URL: SET_UP_WRONGLY,
  MISSING_REQUIRED_PARAMS: SET_UP_WRONGLY,
  CONNECT_FAILED: NO_CONNECTION,
  CONNECTION_LOST,
  HEARTBEAT_TIMEOUT: CONNECTION_LOST,
  OPEN_CANCELLED: 'The connection was not opened.',
  CLOSED_BY_USER: 'The connection was closed.',
  SEND_QUEUE_FULL: "Couldn't send your message: too many are waiting. Try again in a moment.",
  SEND_FAILED: "Couldn't send your message. Check your connection and try again.",
  HANDLER_FAILED: SET_UP_WRONGLY,
  NO_WEBSOCKET: "This browser can't show live data. Open the app in a current browser.",
  FEED_READ_ONLY: 'This live view is read-only: messages cannot be sent from here.',
  PROXY_NOT_CONFIGURED: SET_UP_WRONGLY,
  AUTH_FAILED: "The live data service didn't accept the app's sign-in. Tell the app's administrator.",
  PROTOCOL_ERROR: "The live data service answered in a way the app doesn't understand. Tell the app's administrator.",
  SUBSCRIPTION_FAILED: "Some live data isn't available. Tell the app's administrator.",
  PROTOCOL_UNAVAILABLE: "Part of the app couldn't be loaded. Reload the page.",
  PROXY_FORBIDDEN: "The server isn't allowed to connect to this service. Tell the app's administrator.",
  ACTING_AS_ANOTHER_USER: "You can only post as yourself. Tell the app's administrator.",
  DECODE_FAILED: "A message couldn't be read. Tell the app's administrator if this keeps happening.",
  EXPRESSION_SYNTAX: SET_UP_WRONGLY,
  EXPRESSION_EVALUATION: SET_UP_WRONGLY,
  INVALID_PAGE_DEFINITION: SET_UP_WRONGLY,
  AUTH_UNAVAILABLE: "Couldn't check who is signed in. Check your connection and reload the page.",
  CRUD_REQUEST_FAILED: "Couldn't load the data. Check your connection and try again.",
}

const BY_CODE_VALUE: ReadonlyMap<string, string> = new Map(
  Object.entries(BY_CODE).map(([key, sentence]) => [ErrorCodes[key as keyof typeof ErrorCodes], sentence]),
)

/** Close codes whose meaning outweighs the code of the failure they ended. */
const BY_CLOSE_CODE: Readonly<Record<number, string>> = {
  [CloseCodes.NOT_AUTHENTICATED]: SIGNED_OUT,
  [CloseCodes.FORBIDDEN]: NOT_ALLOWED,
  [CloseCodes.GOING_AWAY]: 'The service is restarting. The app reconnects shortly.',
  1012: 'The service is restarting. The app reconnects shortly.',
  [CloseCodes.TOO_BIG]: 'A message was too large to send or receive.',
  [CloseCodes.INTERNAL]: SERVER_PROBLEM,
  [CloseCodes.TRY_LATER]: BUSY,
  [CloseCodes.BAD_GATEWAY]: "The server couldn't reach the live data service. The app keeps trying.",
}

function byHttpStatus(status: number): string | undefined {
  if (status === 401) return SIGNED_OUT
  if (status === 403) return NOT_ALLOWED
  if (status === 404) return "This data couldn't be found. It may have been removed."
  if (status === 409) return 'Someone else changed this data. Reload and try again.'
  if (status === 413) return 'This is too large to save.'
  if (status === 429) return 'Too many requests. Wait a moment and try again.'
  if (status === 400 || status === 422) return "Some of the data isn't valid. Check it and try again."
  if (status >= 500) return SERVER_PROBLEM
  return undefined
}

/**
 * What an app user reads about a failure: a plain sentence and what to do next, never a code, URL or
 * API path. The one mapping every widget and the app shell use; the developer's detail
 * ({@link failureDetail}) goes to the console instead.
 *
 * @example
 * plainErrorMessage({ code: 'TETHER_CONNECT_FAILED', closeCode: 4401 }) // 'You were signed out. Sign in again.'
 */
export function plainErrorMessage(failure: Failure | null | undefined): string {
  if (!failure) return SOMETHING_WENT_WRONG
  const { code, closeCode, httpStatus } = failure
  return (
    (closeCode === undefined ? undefined : BY_CLOSE_CODE[closeCode]) ??
    (httpStatus === undefined ? undefined : byHttpStatus(httpStatus)) ??
    (code === undefined ? undefined : BY_CODE_VALUE.get(code)) ??
    SOMETHING_WENT_WRONG
  )
}

/** The developer's line for the console and the studio's "Details": code, close code or HTTP status, message. */
export function failureDetail(failure: Failure): string {
  const context = [
    failure.closeCode === undefined ? null : `close ${failure.closeCode}`,
    failure.httpStatus === undefined ? null : `HTTP ${failure.httpStatus}`,
  ].filter((part) => part !== null)
  const head = `${failure.code ?? 'error'}${context.length > 0 ? ` (${context.join(', ')})` : ''}`
  return failure.message ? `${head}: ${failure.message}` : head
}
