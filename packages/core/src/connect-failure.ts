/**
 * Why a WebSocket could not be opened, from the error a socket library gave (Node's `ws` reports
 * system error codes such as ECONNREFUSED). Browsers hide all of this; the CLI and the server's
 * studio diagnosis classify their failures with this one rule.
 */
export type ConnectFailureKind = 'dns' | 'refused' | 'timeout' | 'tls' | 'reset' | 'other'

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'])
const TLS_ERROR = /CERT|SSL|TLS|self[- ]signed|wrong version number|EPROTO/i

/**
 * @example
 * connectFailureKind({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }) // 'refused'
 */
export function connectFailureKind(error: { code?: string | undefined; message: string }): ConnectFailureKind {
  const code = error.code ?? ''
  if (code === 'ECONNREFUSED') return 'refused'
  if (DNS_CODES.has(code)) return 'dns'
  if (code === 'ETIMEDOUT' || /timed out/i.test(error.message)) return 'timeout'
  if (TLS_ERROR.test(code) || TLS_ERROR.test(error.message)) return 'tls'
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset'
  return 'other'
}
