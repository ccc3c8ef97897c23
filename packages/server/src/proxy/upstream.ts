import { type createConnection, type NetConnectOpts, connect as netConnect } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import WebSocket from 'ws'
import { ApiErrorCodes } from '../errors/index.js'
import { CloseCodes } from '../limits/index.js'
import { ProxyRefusal } from './proxy-refusal.js'
import type { ProxyTarget } from './target-guard.js'

export interface UpstreamOptions {
  /** The browser's Sec-WebSocket-Protocol list, offered to the target as is. */
  protocols: string[]
  /** Give up on a target that has not completed its handshake after this long. */
  connectTimeoutMs: number
  /** Largest frame accepted from the target (bigger ones close it with 1009, relayed to the browser). */
  maxPayload: number
  /** Extra headers for the target's handshake, e.g. a saved service's server-side secrets. Defaults to none. */
  headers?: Record<string, string>
}

/**
 * Headers the server adds when it connects to a target. This is the extension point for service
 * credentials (an API key, an Authorization header) kept server-side: look them up by `target.url.host`
 * from server configuration here; the browser never sees them. None are configured yet.
 */
export function upstreamHeadersFor(_target: ProxyTarget): Record<string, string> {
  return {}
}

/**
 * Opens the connection to a checked target. It connects to the address the guard resolved (never
 * resolving the name again) while the Host header and the TLS server name keep the target's name.
 * Resolves once the target accepted the upgrade; the socket is paused so nothing is lost before the
 * relay starts. Fails with a ProxyRefusal (1014, TETHER_CONNECT_FAILED) otherwise.
 */
export function connectUpstream(target: ProxyTarget, options: UpstreamOptions): Promise<WebSocket> {
  const secure = target.url.protocol === 'wss:'
  const servername = target.family === 6 || /^[\d.]+$/.test(target.hostname) ? undefined : target.hostname
  let upstream: WebSocket
  try {
    upstream = new WebSocket(target.url, options.protocols, {
      handshakeTimeout: options.connectTimeoutMs,
      maxPayload: options.maxPayload,
      followRedirects: false,
      perMessageDeflate: false,
      headers: { ...upstreamHeadersFor(target), ...options.headers },
      // ws only ever calls this with an options object; the cast satisfies net's overloaded signature.
      createConnection: ((connectOptions: NetConnectOpts) => {
        const pinned = { ...connectOptions, host: target.address, port: target.port }
        return secure ? tlsConnect({ ...pinned, ...(servername ? { servername } : {}) }) : netConnect(pinned)
      }) as typeof createConnection,
    })
  } catch (error) {
    // ws throws synchronously for subprotocol lists it considers invalid.
    const why = error instanceof Error ? error.message : String(error)
    return Promise.reject(new ProxyRefusal(CloseCodes.POLICY, ApiErrorCodes.INVALID_URL, why))
  }
  return new Promise((resolve, reject) => {
    const onOpen = () => {
      upstream.off('error', onError)
      upstream.off('close', onClose)
      // Keep an error listener until the relay adds its own: an unhandled 'error' would crash the process.
      upstream.on('error', () => {})
      upstream.pause()
      resolve(upstream)
    }
    const fail = (why: string) => {
      upstream.off('open', onOpen)
      upstream.off('close', onClose)
      upstream.on('error', () => {})
      upstream.terminate()
      reject(new ProxyRefusal(CloseCodes.BAD_GATEWAY, ApiErrorCodes.CONNECT_FAILED, `${target.url.host}: ${why}`))
    }
    const onError = (error: Error) => fail(error.message)
    const onClose = (code: number) => fail(`closed before opening (${code})`)
    upstream.once('open', onOpen)
    upstream.once('error', onError)
    upstream.once('close', onClose)
  })
}
