import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { ApiErrorCodes } from '../errors/index.js'
import { CloseCodes } from '../limits/index.js'
import { ProxyRefusal } from './proxy-refusal.js'
import type { ProxyTarget } from './target-guard.js'

export interface EventStreamOptions {
  method: 'GET' | 'POST'
  /** Sent as the request body of a POST. */
  body?: string
  /** Request headers (the browser's `Last-Event-ID`, the service's headers and secrets). */
  headers: Record<string, string>
  /** Give up on a target that has not answered with its response headers after this long. */
  connectTimeoutMs: number
}

const failed = (target: ProxyTarget, why: string) =>
  new ProxyRefusal(CloseCodes.BAD_GATEWAY, ApiErrorCodes.CONNECT_FAILED, `${target.url.host}: ${why}`)
/** An answer that will not change by asking again: a 400 for the browser (a 502 would be retried). */
const refusedForGood = (
  target: ProxyTarget,
  code: typeof ApiErrorCodes.CONNECT_FAILED | typeof ApiErrorCodes.PROTOCOL_ERROR,
  why: string,
) => new ProxyRefusal(CloseCodes.POLICY, code, `${target.url.host}: ${why}`)

/**
 * Opens a Server-Sent Events stream at a checked target: connects to the address the guard resolved
 * (the Host header and the TLS server name keep the target's name, as for WebSockets) and resolves with
 * the response once it is a 2xx `text/event-stream`. A 401 or 403 is a refused login (401
 * TETHER_AUTH_FAILED). Answers that asking again cannot change — another 4xx, another content type — are
 * 400 (TETHER_CONNECT_FAILED, TETHER_PROTOCOL_ERROR), so a client does not retry them, as it would not
 * without the proxy; a 5xx, 408, 429, a network error or no answer within the timeout is 502
 * TETHER_CONNECT_FAILED (worth retrying). The response is not read here: the caller pipes it on, so reading
 * follows the browser's pace (backpressure) and nothing is buffered beyond the streams' high-water marks.
 */
export function openEventStream(target: ProxyTarget, options: EventStreamOptions): Promise<IncomingMessage> {
  const secure = target.url.protocol === 'https:'
  const servername = target.family === 6 || /^[\d.]+$/.test(target.hostname) ? undefined : target.hostname
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)({
      host: target.address,
      family: target.family,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      method: options.method,
      ...(secure && servername ? { servername } : {}),
      headers: {
        ...options.headers,
        host: target.url.host,
        accept: 'text/event-stream',
        'accept-encoding': 'identity',
        'cache-control': 'no-cache',
      },
    })
    const timer = setTimeout(() => {
      request.destroy()
      reject(failed(target, `no answer within ${options.connectTimeoutMs} ms`))
    }, options.connectTimeoutMs)
    request.once('error', (error) => {
      clearTimeout(timer)
      reject(failed(target, error.message))
    })
    request.once('response', (response) => {
      clearTimeout(timer)
      const status = response.statusCode ?? 0
      const type = String(response.headers['content-type'] ?? '')
      const refuse = (refusal: ProxyRefusal) => {
        response.destroy()
        reject(refusal)
      }
      if (status === 401 || status === 403) {
        return refuse(
          new ProxyRefusal(
            CloseCodes.NOT_AUTHENTICATED,
            ApiErrorCodes.AUTH_FAILED,
            `the event stream refused the request (${status}); check the service's headers`,
          ),
        )
      }
      const retryable = status >= 500 || status === 408 || status === 429
      if (status < 200 || status > 299) {
        const why = `answered ${status}`
        return refuse(retryable ? failed(target, why) : refusedForGood(target, ApiErrorCodes.CONNECT_FAILED, why))
      }
      if (!/^text\/event-stream\b/i.test(type)) {
        const why = `answered ${type || 'no content type'}, not text/event-stream`
        return refuse(refusedForGood(target, ApiErrorCodes.PROTOCOL_ERROR, why))
      }
      // An error after this point ends the stream; the piping caller sees it as a close.
      response.on('error', () => {})
      resolve(response)
    })
    request.end(options.body)
  })
}
