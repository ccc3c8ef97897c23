import { type ApiErrorCode, ApiErrorCodes } from '../errors/index.js'
import { CloseCodes, closeReason } from '../limits/index.js'

/**
 * Why the proxy will not relay a connection. It becomes the close frame of the browser's socket,
 * because a browser cannot read the HTTP status of a refused upgrade.
 */
export class ProxyRefusal extends Error {
  readonly closeCode: number
  readonly code: ApiErrorCode

  constructor(closeCode: number, code: ApiErrorCode, message: string) {
    super(message)
    this.name = 'ProxyRefusal'
    this.closeCode = closeCode
    this.code = code
  }

  /** The HTTP status of the same refusal, for the event-stream proxy (an HTTP response, not a socket). */
  get httpStatus(): number {
    const statuses: Record<number, number> = {
      [CloseCodes.NOT_AUTHENTICATED]: 401,
      [CloseCodes.FORBIDDEN]: 403,
      [CloseCodes.POLICY]: 400,
      [CloseCodes.BAD_GATEWAY]: 502,
    }
    return statuses[this.closeCode] ?? 500
  }

  /** The close reason: `CODE: message`, cut to the protocol's 123 bytes. */
  get reason(): string {
    return closeReason(`${this.code}: ${this.message}`)
  }
}

export const forbidden = (message: string) =>
  new ProxyRefusal(CloseCodes.FORBIDDEN, ApiErrorCodes.PROXY_FORBIDDEN, message)
