import { renewSession } from './session-renewal.js'

/** One located problem from a 400 answer, e.g. `{ path: 'queryParams[0].name', message: '…' }`. */
export interface ProblemDetail {
  path: string
  message: string
}

/** A failed API call with the server's stable code and message (or a network failure). */
export class StudioApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ProblemDetail[]

  constructor(status: number, code: string, message: string, details: ProblemDetail[] = []) {
    super(message)
    this.name = 'StudioApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** The sign-in endpoints answer 401 about the credentials they were given, not about an ended session. */
const AUTH_PATH = /^\/api\/auth\//

async function send(method: Method, path: string, body?: unknown, renewed = false): Promise<Response> {
  let response: Response
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      // The server's CSRF guard wants JSON on every state-changing call, even a bodiless one (logout).
      headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new StudioApiError(0, 'NETWORK', 'The server could not be reached. Check that it is running, then try again.')
  }
  if (response.ok) return response
  // The admin session ended (signed out elsewhere, expired): sign in again in place, then retry once.
  if (response.status === 401 && !renewed && !AUTH_PATH.test(path) && (await renewSession()))
    return send(method, path, body, true)
  const problem = (await response.json().catch(() => null)) as Partial<{
    code: string
    message: string
    details: ProblemDetail[]
  }> | null
  throw new StudioApiError(
    response.status,
    problem?.code ?? `HTTP_${response.status}`,
    problem?.message ?? `The server answered ${response.status} ${response.statusText}.`,
    Array.isArray(problem?.details) ? problem.details : [],
  )
}

/** Calls the JSON API; resolves to the parsed body (undefined for 204). */
export async function requestJson<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** Calls an endpoint that answers text (e.g. TypeScript types). */
export async function requestText(path: string): Promise<string> {
  return (await send('GET', path)).text()
}
