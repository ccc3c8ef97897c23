import type { ServiceProtocol } from '../protocols/names.js'
import type { WebSocketConstructor } from '../protocols/socket.js'
import { socketIoUrl } from '../protocols/socket-io/url.js'
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../variable/connection.js'
import { watchBareSocket } from './bare-socket-watch.js'
import { answersEventStream, type FetchHeaders } from './event-stream-probe.js'
import { probeHandshakes, REFUSED_BARE_CANDIDATES, SILENT_CANDIDATES } from './handshake-probe.js'
import { isEngineIoUrl } from './url-rules.js'

/** What detection found: a protocol (null when nothing told) and why, said after "because". */
export interface ProtocolDetection {
  protocol: ServiceProtocol | null
  /** Options the protocol needs to be spoken as found (`{ legacy: true }` for the old GraphQL protocol). */
  protocolOptions?: Record<string, unknown>
  reason: string
}

export interface DetectProtocolOptions {
  /** The WebSocket class to connect with (the browser's; on a server `ws`, pinned to a checked address). */
  WebSocket: WebSocketConstructor
  /** Reads the response headers of an http(s) URL (the SSE check). Defaults to the global `fetch`. */
  fetch?: FetchHeaders
  /** Request headers of the SSE check. Defaults to none. */
  headers?: Record<string, string>
  /** How long a connection may take to open. Defaults to 10 000 ms. */
  timeoutMs?: number
  /** How long a protocol's handshake may take (a broker answers CONNECT at once). Defaults to 5000 ms. */
  handshakeTimeoutMs?: number
  /** How long a bare WebSocket may stay silent before brokers' handshakes are tried. Defaults to 3000 ms. */
  quietMs?: number
  signal?: AbortSignal
}

/** How long a bare WebSocket may stay silent before brokers' handshakes are tried. */
export const DEFAULT_DETECT_QUIET_MS = 3000

/** How long a candidate protocol's handshake may take. */
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5000

/**
 * Finds out what a service URL speaks, with no effect on the service: nothing is subscribed, published
 * or sent beyond a protocol's own connect request. In order: an http(s) URL answering
 * `text/event-stream` is SSE; an Engine.IO URL is Socket.IO; otherwise a bare WebSocket is opened and
 * watched — Engine.IO's open packet means Socket.IO, messages of its own a plain WebSocket; a server
 * refusing it (4406, 1002) is tried with GraphQL's, STOMP's and MQTT's handshakes, a silent one with the
 * brokers' (MQTT, STOMP). A root URL that opens no WebSocket is tried at Socket.IO's default path.
 *
 * @example
 * await detectProtocol('ws://localhost:3000/socket.io/?EIO=4', { WebSocket })
 * // { protocol: 'socket.io', reason: 'the URL is an Engine.IO URL' }
 */
export async function detectProtocol(text: string, options: DetectProtocolOptions): Promise<ProtocolDetection> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const quietMs = options.quietMs ?? DEFAULT_DETECT_QUIET_MS
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return { protocol: null, reason: 'this is not a complete URL (e.g. ws://host:port/path)' }
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const fetchHeaders = options.fetch ?? (globalThis.fetch as unknown as FetchHeaders)
    if (await answersEventStream(url.href, { fetch: fetchHeaders, headers: options.headers, timeoutMs }))
      return { protocol: 'sse', reason: 'the server answers text/event-stream' }
    return {
      protocol: null,
      reason: 'this http(s) address does not answer text/event-stream; a WebSocket address starts with ws:// or wss://',
    }
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    return { protocol: null, reason: 'a service address starts with ws://, wss://, http:// or https://' }
  if (isEngineIoUrl(url)) return { protocol: 'socket.io', reason: 'the URL is an Engine.IO URL' }

  const watch = { WebSocket: options.WebSocket, timeoutMs, quietMs, signal: options.signal }
  const seen = await watchBareSocket(url.href, watch)
  const probe = {
    WebSocket: options.WebSocket,
    timeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    signal: options.signal,
  }
  switch (seen.kind) {
    case 'engine-io':
      return { protocol: 'socket.io', reason: 'the server sent an Engine.IO open packet' }
    case 'messages':
      return { protocol: 'websocket', reason: 'it sent messages of its own in no other protocol' }
    case 'refused':
      return (
        (await probeHandshakes(url.href, REFUSED_BARE_CANDIDATES, probe)) ?? {
          protocol: null,
          reason: `it refused a plain WebSocket (close ${seen.code}) and answered none of the protocols' handshakes`,
        }
      )
    case 'silent':
      return (
        (await probeHandshakes(url.href, SILENT_CANDIDATES, probe)) ?? {
          protocol: null,
          reason: `it accepted a plain WebSocket but sent nothing within ${quietMs / 1000} s (it may wait for a subscribe message)`,
        }
      )
    case 'failed': {
      if (url.pathname === '/' || url.pathname === '') {
        const engineIo = await watchBareSocket(socketIoUrl(url.href), watch)
        if (engineIo.kind === 'engine-io')
          return { protocol: 'socket.io', reason: 'the server sent an Engine.IO open packet at /socket.io/' }
      }
      return { protocol: null, reason: 'no WebSocket opened at this address' }
    }
  }
}
