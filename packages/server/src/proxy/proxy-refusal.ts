import { CloseCodes, closeReason } from '../limits/index.js'

/** Stable codes the proxy puts at the start of its close reasons. */
export const ProxyErrorCodes = {
  /** The target is not allowed: not ws/wss, or a loopback/private/link-local address not in PROXY_ALLOW. */
  FORBIDDEN: 'TETHER_PROXY_FORBIDDEN',
  /** `?url=` is missing or not a URL. */
  INVALID_URL: 'TETHER_INVALID_URL',
  /** The upstream service could not be reached (DNS, refused, timeout, HTTP error on upgrade). */
  CONNECT_FAILED: 'TETHER_CONNECT_FAILED',
  /** No session: log in first. */
  UNAUTHENTICATED: 'TETHER_UNAUTHENTICATED',
  /** The page's origin may not open this endpoint. */
  ORIGIN_FORBIDDEN: 'TETHER_FORBIDDEN',
} as const

/**
 * Why the proxy will not relay a connection. It becomes the close frame of the browser's socket,
 * because a browser cannot read the HTTP status of a refused upgrade.
 */
export class ProxyRefusal extends Error {
  readonly closeCode: number
  readonly code: string

  constructor(closeCode: number, code: string, message: string) {
    super(message)
    this.name = 'ProxyRefusal'
    this.closeCode = closeCode
    this.code = code
  }

  /** The close reason: `CODE: message`, cut to the protocol's 123 bytes. */
  get reason(): string {
    return closeReason(`${this.code}: ${this.message}`)
  }
}

export const forbidden = (message: string) => new ProxyRefusal(CloseCodes.FORBIDDEN, ProxyErrorCodes.FORBIDDEN, message)
