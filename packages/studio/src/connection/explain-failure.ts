import { CloseCodes, closeCodeMeaning, ErrorCodes } from '@tether/core'

/** Why a ws:// test fails in the browser: null when the URL is fine to open from this page. */
export function urlProblem(url: string): string | null {
  const trimmed = url.trim()
  if (trimmed === '') return 'Enter the service URL, e.g. ws://localhost:8080/websocket/heartrate.'
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(trimmed)?.[1]?.toLowerCase()
  if (scheme === 'http' || scheme === 'https')
    return `${scheme}:// is a web page address, not a WebSocket: use ${scheme === 'https' ? 'wss' : 'ws'}:// instead.`
  if (scheme !== 'ws' && scheme !== 'wss') return 'A WebSocket URL starts with ws:// or wss://.'
  try {
    new URL(trimmed.replace(/\{([^{}]*)\}/g, '$1'))
  } catch {
    return 'This is not a valid URL: check the host and port.'
  }
  return null
}

/**
 * True when a page served over https would be refused a ws:// connection: browsers block mixed content,
 * so an unencrypted socket cannot be opened from an encrypted page.
 */
export function isMixedContent(pageProtocol: string, url: string): boolean {
  return pageProtocol === 'https:' && /^ws:\/\//i.test(url.trim())
}

export const MIXED_CONTENT_EXPLANATION =
  'This studio page is served over https, and browsers refuse unencrypted ws:// connections from https pages ' +
  '(mixed content). Use the wss:// address of the service if it has one, or test and run it through the ' +
  "server's WebSocket proxy: the server connects to the service and relays the messages over this page's secure connection."

export interface CloseFacts {
  code: number
  reason: string
  /** The socket had opened before it closed. */
  opened: boolean
  /** The test went through the server's proxy (so the close reason carries the proxy's explanation). */
  viaProxy: boolean
}

const CODED_REASON = /^(TETHER_[A-Z_]+):\s*(.*)$/s

/** The Tether error code a close reason starts with (`TETHER_…: message`), or null. */
export function closeReasonCode(reason: string): string | null {
  return CODED_REASON.exec(reason)?.[1] ?? null
}

/** What the studio says when a service refuses `?username=` naming someone other than the signed-in user. */
export const ONLY_AS_YOURSELF = 'The chat service lets each signed-in user post only as themself.'

/** What the studio says while a test waits for the admin to sign in again. */
export const SESSION_ENDED = 'Your studio session ended. Sign in again and the test starts again.'

/** What the studio says when the admin declined to sign in again. */
export const SIGNED_OUT = 'You are signed out of the studio. Press Test to sign in again and test.'

/** A sentence or two saying what happened and what to do next. */
export function explainClose({ code, reason, opened, viaProxy }: CloseFacts): string {
  const proxyCode = CODED_REASON.exec(reason)
  if (proxyCode) {
    const [, tetherCode, message] = proxyCode
    if (tetherCode === ErrorCodes.ACTING_AS_ANOTHER_USER) return ONLY_AS_YOURSELF
    if (tetherCode === ErrorCodes.PROXY_FORBIDDEN)
      return `The server's proxy refused this target: ${message} An administrator can allow it with PROXY_ALLOW.`
    if (tetherCode === ErrorCodes.CONNECT_FAILED) return `The proxy could not reach the service: ${message}`
    if (code === CloseCodes.NOT_AUTHENTICATED) return `The proxy needs a session: ${message} Log in again.`
    return `${message} (${tetherCode}, close code ${code})`
  }
  const meaning = closeCodeMeaning(code) ?? (code >= 4000 ? 'an application-specific code' : 'an unusual close code')
  const because = reason ? ` Reason: "${reason}".` : ''
  if (!opened && code === 1006) {
    return viaProxy
      ? 'The proxy connection could not be opened. Check that you are still logged in and the server is running.'
      : 'The connection could not be opened. The host may be unknown (DNS), refuse connections, present a bad TLS ' +
          "certificate, or answer the upgrade with an HTTP error — browsers hide which. Test through the server's " +
          'proxy to see the exact reason.'
  }
  return `Closed with code ${code} (${meaning}).${because}`
}

export const timeoutExplanation = (ms: number): string =>
  `No answer within ${Math.round(ms / 1000)} s: the host may be unreachable or a firewall drops the connection. ` +
  'Check the host and port, or test through the proxy.'
