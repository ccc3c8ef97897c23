import { STATUS_CODES } from 'node:http'
import { type NetConnectOpts, connect as netConnect } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { closeCodeMeaning, connectFailureKind } from '@tether/core'
import WebSocket from 'ws'
import { ApiErrorCodes } from '../errors/index.js'
import { type ProxyPolicy, ProxyRefusal, type ProxyTarget, resolveProxyTarget } from '../proxy/index.js'

/** What the server found when it tried the connection a browser could not open (browsers hide why). */
export interface ConnectionDiagnosis {
  kind: 'dns' | 'refused' | 'http-status' | 'tls' | 'timeout' | 'reset' | 'closed' | 'opened' | 'not-allowed' | 'other'
  /** One or two sentences for the user: what happened and what to do. */
  message: string
  /** `http-status`: the status the server answered the upgrade with, and the path it was asked for. */
  status?: number
  path?: string
  /** `closed`: the close code and reason given before the socket opened. */
  code?: number
}

const describeClose = (code: number, reason: string) => {
  const name = closeCodeMeaning(code)
  return `${code}${name ? ` (${name})` : ''}${reason ? `: "${reason}"` : ''}`
}

function explainStatus(status: number, url: URL): ConnectionDiagnosis {
  const text = `${status} ${STATUS_CODES[status] ?? ''}`.trim()
  const hint =
    status === 404
      ? `Nothing at ${url.pathname} on ${url.host}: check the path.`
      : status === 401 || status === 403
        ? 'The service wants credentials: add them as secret headers (Service Settings) and test through the proxy.'
        : status >= 300 && status < 400
          ? 'The server redirects: use the address it points to.'
          : status === 200
            ? `${url.pathname} serves a normal web page, not a WebSocket endpoint: check the path.`
            : 'Check the URL and the service documentation.'
  return {
    kind: 'http-status',
    status,
    path: url.pathname,
    message: `The server answered HTTP ${text} to the WebSocket upgrade of ${url.pathname}. ${hint}`,
  }
}

function explainError(error: Error & { code?: string }, url: URL, timeoutMs: number): ConnectionDiagnosis {
  const kind = connectFailureKind(error)
  switch (kind) {
    case 'refused':
      return { kind, message: `${url.host} refused the connection: is the service running on that port?` }
    case 'dns':
      return { kind, message: `The host name ${url.hostname} is unknown (DNS ${error.code}): check its spelling.` }
    case 'timeout':
      return { kind, message: `${url.host} did not answer within ${timeoutMs / 1000} s: check the host and port.` }
    case 'tls':
      return {
        kind,
        message: `The TLS handshake with ${url.host} failed (${error.message}). ${
          url.protocol === 'wss:' ? 'If the service does not use TLS, use ws://.' : 'Use wss:// for a TLS service.'
        }`,
      }
    case 'reset':
      return { kind, message: `${url.host} dropped the connection during the handshake: is this a WebSocket endpoint?` }
    default:
      return { kind, message: `Could not connect to ${url.href}: ${error.message}.` }
  }
}

/** Opens the checked target (pinned to the address the guard resolved) and reports how the attempt ended. */
function attempt(target: ProxyTarget, protocols: string[], timeoutMs: number): Promise<ConnectionDiagnosis> {
  const secure = target.url.protocol === 'wss:'
  const servername = target.family === 6 || /^[\d.]+$/.test(target.hostname) ? undefined : target.hostname
  return new Promise((resolve) => {
    let socket: WebSocket
    try {
      socket = new WebSocket(target.url, protocols, {
        handshakeTimeout: timeoutMs,
        followRedirects: false,
        perMessageDeflate: false,
        createConnection: ((options: NetConnectOpts) => {
          const pinned = { ...options, host: target.address, port: target.port }
          return secure ? tlsConnect({ ...pinned, ...(servername ? { servername } : {}) }) : netConnect(pinned)
        }) as typeof netConnect,
      })
    } catch (error) {
      resolve({ kind: 'other', message: (error as Error).message })
      return
    }
    let settled = false
    const settle = (diagnosis: ConnectionDiagnosis) => {
      if (settled) return
      settled = true
      socket.removeAllListeners()
      socket.on('error', () => {}) // terminate() reports the abandoned handshake as an error
      socket.terminate()
      resolve(diagnosis)
    }
    socket.once('open', () =>
      settle({
        kind: 'opened',
        message:
          'The server opened this connection, so the service works; the browser was refused. The service may ' +
          "check the page's Origin or want a cookie: test and run it through the server's proxy.",
      }),
    )
    socket.once('unexpected-response', (_request, response) => {
      response.resume()
      settle(explainStatus(response.statusCode ?? 0, target.url))
    })
    socket.on('error', (error) => settle(explainError(error, target.url, timeoutMs)))
    socket.once('close', (code, reason) =>
      settle({
        kind: 'closed',
        code,
        message: `The service closed the connection before it opened: ${describeClose(code, reason.toString())}.`,
      }),
    )
  })
}

/**
 * Tries `rawUrl` from the server to say why a browser could not open it: unknown host (DNS), refused,
 * an HTTP status instead of the upgrade (with the path), TLS, a timeout, or a close code. It obeys the
 * proxy's rules (PROXY_ALLOW, PROXY_ALLOW_PUBLIC…): a target the proxy may not reach is not tried.
 */
export async function diagnoseConnection(
  rawUrl: string,
  policy: ProxyPolicy,
  options: { protocols?: string[]; timeoutMs: number },
): Promise<ConnectionDiagnosis> {
  let target: ProxyTarget
  try {
    target = await resolveProxyTarget(rawUrl, policy)
  } catch (error) {
    if (!(error instanceof ProxyRefusal)) throw error
    if (error.code === ApiErrorCodes.CONNECT_FAILED) {
      const host = (() => {
        try {
          return new URL(rawUrl).hostname
        } catch {
          return rawUrl
        }
      })()
      return { kind: 'dns', message: `The host name ${host} is unknown (DNS): check its spelling. (${error.message})` }
    }
    return {
      kind: 'not-allowed',
      message: `The server may not try this address (${error.message}), so it cannot say why the browser failed.`,
    }
  }
  return attempt(target, options.protocols ?? [], options.timeoutMs)
}
