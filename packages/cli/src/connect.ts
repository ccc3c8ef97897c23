import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import { closeCodeMeaning, connectFailureKind } from '@tether/core'
import WebSocket from 'ws'
import { CliError, ExitCodes } from './io.js'

export interface ConnectOptions {
  /** Give up when the handshake has not completed after this long. */
  timeoutMs: number
  headers?: Record<string, string>
  signal: AbortSignal
}

/** Checks that `text` is a ws:// or wss:// URL; anything else is a usage error (exit 2) with a suggestion. */
export function parseWebSocketUrl(text: string | undefined, command: string): URL {
  const hint = `Give a WebSocket URL such as ws://localhost:8080/websocket/heartrate. Run \`tether ${command} --help\`.`
  if (!text) throw new CliError('Missing the service URL.', hint, ExitCodes.USAGE)
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new CliError(`"${text}" is not a URL.`, hint, ExitCodes.USAGE)
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const suggestion = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${text.slice(url.protocol.length + 2)}`
    throw new CliError(
      `${text} is an HTTP URL, not a WebSocket one.`,
      `Did you mean ${suggestion} ? For Server-Sent Events, pass --protocol sse.`,
      ExitCodes.USAGE,
    )
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new CliError(`${text} is not a WebSocket URL (${url.protocol}//).`, hint, ExitCodes.USAGE)
  }
  return url
}

/** Turns a failed connection into what happened and what to do next. */
export function explainConnectError(error: Error & { code?: string }, url: URL, timeoutMs: number): CliError {
  const host = url.host
  const code = error.code ?? ''
  const kind = connectFailureKind(error)
  if (kind === 'refused') {
    return new CliError(
      `Connection refused by ${host}.`,
      'Is the service running and listening on that port? Check the host and port in the URL.',
    )
  }
  if (kind === 'dns') {
    return new CliError(
      `Cannot resolve the host name ${url.hostname} (DNS ${code}).`,
      'Check the spelling of the host and your network connection.',
    )
  }
  if (kind === 'timeout') {
    return new CliError(
      `No WebSocket handshake with ${host} within ${timeoutMs / 1000} s.`,
      'Check the host and port (a firewall may drop the connection), or allow more time with --timeout.',
    )
  }
  if (kind === 'tls') {
    return new CliError(
      `The TLS handshake with ${host} failed: ${error.message}.`,
      url.protocol === 'wss:'
        ? 'If the service does not use TLS, use ws:// instead of wss://. If its certificate is self-signed, trust it with NODE_EXTRA_CA_CERTS=ca.pem.'
        : 'Use wss:// for a TLS service.',
    )
  }
  if (kind === 'reset') {
    return new CliError(
      `${host} dropped the connection during the handshake.`,
      'Is this a WebSocket endpoint, and is ws:// or wss:// right?',
    )
  }
  return new CliError(
    `Could not connect to ${url.href}: ${error.message}${code ? ` (${code})` : ''}.`,
    'Check the URL and that the service is a WebSocket server.',
  )
}

/** What an HTTP answer instead of an upgrade means. */
export function explainHttpStatus(status: number, url: URL): CliError {
  const text = `${status} ${STATUS_CODES[status] ?? ''}`.trim()
  const hint =
    status === 404
      ? `Nothing at ${url.pathname} on ${url.host}: check the path.`
      : status === 401 || status === 403
        ? 'The service wants credentials: pass them with --header "Authorization: …" (or a cookie header).'
        : status >= 300 && status < 400
          ? 'The server redirects; use the URL it points to.'
          : status === 200
            ? 'This URL serves a normal web page, not a WebSocket endpoint: check the path.'
            : status >= 500
              ? 'The service failed; try again later or look at its logs.'
              : 'Check the URL and the service documentation.'
  return new CliError(`The server answered HTTP ${text} instead of opening a WebSocket.`, hint)
}

/** The text of a close code, e.g. `1008 (policy violation)`. */
export function describeClose(code: number, reason: string): string {
  const name = closeCodeMeaning(code)
  return `${code}${name ? ` (${name})` : ''}${reason ? `: ${reason}` : ''}`
}

/**
 * Opens a WebSocket and resolves once it is open; rejects with a CliError that explains the failure
 * (refused, DNS, timeout, TLS, HTTP status instead of an upgrade, closed before opening, Ctrl-C).
 * The socket comes paused, so no frame is lost before listeners are attached: call `resume()`.
 */
export function connect(url: URL, options: ConnectOptions): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { handshakeTimeout: options.timeoutMs, headers: options.headers ?? {} })
    let settled = false
    const settle = (error: CliError | null) => {
      if (settled) return
      settled = true
      options.signal.removeEventListener('abort', onAbort)
      if (error) {
        ws.removeAllListeners('open')
        ws.on('error', () => {}) // terminate() reports the abandoned handshake as an error
        ws.terminate()
        reject(error)
      } else resolve(ws)
    }
    const onAbort = () => settle(new CliError('Cancelled.', '', ExitCodes.FAILURE))
    options.signal.addEventListener('abort', onAbort, { once: true })
    if (options.signal.aborted) onAbort()
    ws.once('open', () => {
      // Frames may arrive with the handshake answer: hold them until the caller listens (see streamMessages).
      ws.pause()
      settle(null)
    })
    ws.once('unexpected-response', (_request, response: IncomingMessage) => {
      response.resume()
      settle(explainHttpStatus(response.statusCode ?? 0, url))
    })
    ws.on('error', (error) => settle(explainConnectError(error, url, options.timeoutMs)))
    ws.once('close', (code, reason) =>
      settle(new CliError(`The connection closed before it opened: ${describeClose(code, reason.toString())}.`)),
    )
  })
}
