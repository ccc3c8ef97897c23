import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { type createConnection, type NetConnectOpts, connect as netConnect } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { detectProtocol, type FetchHeaders, type ProtocolDetection, type WebSocketConstructor } from '@tether/core'
import WebSocket from 'ws'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { type ProxyPolicy, ProxyRefusal, type ProxyTarget, resolveProxyTarget } from '../proxy/index.js'

/** The TLS server name of a target: its host name, none for an IP address. */
const serverName = (target: ProxyTarget) =>
  target.family === 6 || /^[\d.]+$/.test(target.hostname) ? undefined : target.hostname

/** Whether `url` is on the checked target (detection may change the path, e.g. to `/socket.io/`, never the host). */
const onTarget = (url: URL, target: ProxyTarget) => url.host === target.url.host && url.protocol === target.url.protocol

/** For the answers core gives without connecting (a malformed URL): any attempt fails. */
const NoConnection = class {
  constructor() {
    throw new Error('not a service URL')
  }
} as unknown as WebSocketConstructor

/**
 * The `ws` class detection connects with: only to the address the guard resolved (no second DNS lookup,
 * so no rebinding), with the URL's host kept for the Host header and the TLS name.
 */
function pinnedWebSocket(target: ProxyTarget, maxPayload: number): WebSocketConstructor {
  const secure = target.url.protocol === 'wss:'
  const servername = serverName(target)
  const connect = ((options: NetConnectOpts) => {
    const pinned = { ...options, host: target.address, port: target.port }
    return secure ? tlsConnect({ ...pinned, ...(servername ? { servername } : {}) }) : netConnect(pinned)
  }) as typeof createConnection
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      if (!onTarget(new URL(url), target)) throw new Error(`detection may only connect to ${target.url.host}`)
      super(url, protocols ?? [], {
        followRedirects: false,
        perMessageDeflate: false,
        maxPayload,
        createConnection: connect,
      })
    }
  } as unknown as WebSocketConstructor
}

/** A `fetch` for the SSE check, to the resolved address too: resolves with the headers, drops the body. */
function pinnedFetch(target: ProxyTarget): FetchHeaders {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const wanted = new URL(url)
      if (!onTarget(wanted, target)) return reject(new Error(`detection may only connect to ${target.url.host}`))
      const secure = wanted.protocol === 'https:'
      const servername = serverName(target)
      const request = (secure ? httpsRequest : httpRequest)({
        host: target.address,
        family: target.family,
        port: target.port,
        path: `${wanted.pathname}${wanted.search}`,
        method: 'GET',
        signal: init.signal,
        ...(secure && servername ? { servername } : {}),
        headers: { ...init.headers, host: target.url.host, 'accept-encoding': 'identity' },
      })
      request.once('error', reject)
      request.once('response', (response) => {
        response.destroy() // an event stream never ends; its Content-Type was the question
        const value = (name: string) => response.headers[name.toLowerCase()]
        resolve({ headers: { get: (name) => (value(name) === undefined ? null : String(value(name))) } })
      })
      request.end()
    })
}

/**
 * What a service URL speaks, found from the server under the proxy's rules (PROXY_ALLOW,
 * PROXY_ALLOW_PUBLIC…): a target the proxy may not reach is refused (403 TETHER_PROXY_FORBIDDEN) and
 * not tried. The rules are core's `detectProtocol`; nothing is subscribed or published.
 */
export async function detectServiceProtocol(
  rawUrl: string,
  policy: ProxyPolicy,
  options: { timeoutMs: number; maxPayload: number; signal?: AbortSignal },
): Promise<ProtocolDetection> {
  const text = rawUrl.trim()
  const scheme = URL.canParse(text) ? new URL(text).protocol : ''
  // Not a URL, or not a scheme a service has: core says so in the user's words without connecting.
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(scheme)) return detectProtocol(text, { WebSocket: NoConnection })
  const transport = scheme === 'http:' || scheme === 'https:' ? 'http' : 'websocket'
  let target: ProxyTarget
  try {
    target = await resolveProxyTarget(text, policy, { transport })
  } catch (error) {
    if (!(error instanceof ProxyRefusal)) throw error
    if (error.code === ApiErrorCodes.PROXY_FORBIDDEN)
      throw new ApiError(
        403,
        ApiErrorCodes.PROXY_FORBIDDEN,
        `The server may not connect to this address: ${error.message}.`,
      )
    return { protocol: null, reason: `the server could not reach it (${error.message})` }
  }
  return detectProtocol(target.url.href, {
    WebSocket: pinnedWebSocket(target, options.maxPayload),
    fetch: pinnedFetch(target),
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  })
}
