import { ErrorCodes, TetherError } from '../../errors.js'
import type { ProtocolFailure } from '../adapter.js'

/**
 * Why an SSE response cannot be read as a stream, or undefined when it can. EventSource gives up on any
 * status but 200; here a server that is busy (429, 5xx) is retried with the variable's backoff, and the
 * rest are not: the same request would be refused again.
 */
export function responseFailure(response: Response, url: string): ProtocolFailure | undefined {
  const { status } = response
  if (status === 401 || status === 403) {
    const message = `${url} refused the request (HTTP ${status}); check the service's credentials (protocolOptions.headers).`
    return { error: new TetherError(ErrorCodes.AUTH_FAILED, message), retryable: false }
  }
  if (status === 204) {
    const message = `${url} answered 204 No Content: the server asks clients to stop reconnecting.`
    return { error: new TetherError(ErrorCodes.CONNECT_FAILED, message), retryable: false }
  }
  if (!response.ok) {
    const message = `${url} answered HTTP ${status} ${response.statusText}.`
    return { error: new TetherError(ErrorCodes.CONNECT_FAILED, message), retryable: status === 429 || status >= 500 }
  }
  const type = response.headers.get('content-type') ?? ''
  if (!type.toLowerCase().startsWith('text/event-stream')) {
    const message = `${url} answered ${type || 'no content type'}, not text/event-stream; is this an SSE endpoint?`
    return { error: new TetherError(ErrorCodes.PROTOCOL_ERROR, message), retryable: false }
  }
  if (response.body === null) {
    return { error: new TetherError(ErrorCodes.PROTOCOL_ERROR, `${url} sent no body.`), retryable: false }
  }
  return undefined
}

/** The body of a POST: the bound RequestBody, text as it is and anything else as JSON. */
export function requestBodyText(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined
  return typeof body === 'string' ? body : JSON.stringify(body)
}
