import { isEventStreamType } from './url-rules.js'

/** The part of `fetch` detection uses: a GET whose response headers are read, then abandoned. */
export type FetchHeaders = (
  url: string,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ headers: { get(name: string): string | null } }>

/**
 * Whether an http(s) URL answers as a Server-Sent Events stream (its Content-Type says so). Only the
 * response headers are read: the request is aborted as soon as they arrive, so a stream is not consumed.
 * False for any failure (unreachable, timeout, another content type).
 */
export async function answersEventStream(
  url: string,
  options: { fetch: FetchHeaders; headers?: Record<string, string>; timeoutMs: number },
): Promise<boolean> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), options.timeoutMs)
  try {
    const response = await options.fetch(url, {
      headers: { Accept: 'text/event-stream', ...options.headers },
      signal: abort.signal,
    })
    return isEventStreamType(response.headers.get('content-type'))
  } catch {
    return false
  } finally {
    clearTimeout(timer)
    abort.abort() // a stream would run forever; its headers were all we wanted
  }
}
