import { ErrorCodes, isTetherError, type ServiceProtocol, WebSocketVariable } from '@tether/core'
import type { CliIo } from '../io.js'
import { type ProtocolTarget, type SessionOptions, targetService, webSocketWithHeaders } from './session.js'

/** A protocol found, and how the service revealed it (printed so the user can pass --protocol next time). */
export interface Detected {
  protocol: ServiceProtocol
  protocolOptions?: Record<string, unknown>
  reason: string
}

/** An Engine.IO URL (`/socket.io/`, or `EIO=` in the query) names its protocol. */
export function socketIoByUrl(url: URL): Detected | undefined {
  if (url.pathname.includes('/socket.io') || url.searchParams.has('EIO')) {
    return { protocol: 'socket.io', reason: 'the URL is an Engine.IO URL' }
  }
  return undefined
}

/** Engine.IO's open packet, the first frame a Socket.IO server sends: `0{"sid":…,"pingInterval":…}`. */
export function isEngineIoOpen(text: string): boolean {
  if (!text.startsWith('0{')) return false
  try {
    const open = JSON.parse(text.slice(1)) as Record<string, unknown>
    return typeof open.sid === 'string' && typeof open.pingInterval === 'number'
  } catch {
    return false
  }
}

/** Whether an http(s) URL answers as an SSE stream (its Content-Type says so). */
export async function probeSse(url: URL, headers: Record<string, string>, timeoutMs: number): Promise<boolean> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  try {
    const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal })
    const type = response.headers.get('content-type') ?? ''
    return type.toLowerCase().startsWith('text/event-stream')
  } catch {
    return false
  } finally {
    clearTimeout(timer)
    abort.abort() // a stream would run forever; its headers were all we wanted
  }
}

/** Subprotocol families tried, in order, when a server refuses a bare WebSocket (close 4406 or 1002). */
const CANDIDATES: Detected[] = [
  { protocol: 'graphql-ws', reason: 'it accepted graphql-transport-ws and acknowledged connection_init' },
  {
    protocol: 'graphql-ws',
    protocolOptions: { legacy: true },
    reason: 'it accepted the legacy graphql-ws subprotocol and acknowledged connection_init',
  },
  { protocol: 'stomp', reason: 'it accepted a STOMP subprotocol and answered CONNECT' },
  { protocol: 'mqtt', reason: 'it accepted the mqtt subprotocol and answered CONNECT' },
]

/**
 * Tries each protocol with its own hello (the adapter's handshake, through a variable that does not
 * reconnect): the first whose handshake completes — or whose server refuses our credentials, which is an
 * answer in that protocol too — is the service's. Protocols this build cannot speak are skipped.
 */
export async function probeSubprotocols(url: string, options: SessionOptions): Promise<Detected | undefined> {
  for (const candidate of CANDIDATES) {
    const target: ProtocolTarget = {
      url,
      protocol: candidate.protocol,
      channels: [],
      protocolOptions: candidate.protocolOptions,
    }
    const variable = new WebSocketVariable({
      service: targetService(target, options.headers, 'test'),
      name: 'probe',
      connectOnLoad: false,
      reconnect: false,
      connectTimeoutMs: options.timeoutMs,
      WebSocket: webSocketWithHeaders(options.headers),
    })
    try {
      await variable.open()
      return candidate
    } catch (error) {
      if (isTetherError(error, ErrorCodes.AUTH_FAILED)) return candidate
      if (options.signal.aborted) return undefined
    } finally {
      variable.dispose()
    }
  }
  return undefined
}

/**
 * The protocol when it is known before any WebSocket is opened: given with --protocol, an http(s) URL
 * answering text/event-stream (SSE), or an Engine.IO URL. Undefined: open a bare WebSocket and watch.
 */
export async function detectUpFront(
  text: string,
  protocol: ServiceProtocol | undefined,
  options: SessionOptions,
  io: CliIo,
): Promise<Detected | undefined> {
  if (protocol === 'websocket') return undefined
  if (protocol !== undefined) return { protocol, reason: '--protocol' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return undefined // reported by the URL check
  }
  if (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (await probeSse(url, options.headers, options.timeoutMs))
  ) {
    io.stderr('The server answers text/event-stream: reading it as SSE (--protocol sse).\n')
    return { protocol: 'sse', reason: 'text/event-stream' }
  }
  const byUrl = socketIoByUrl(url)
  if (byUrl !== undefined) io.stderr(`Speaking socket.io: ${byUrl.reason}.\n`)
  return byUrl
}

/** After a bare WebSocket ended with nothing received: an Engine.IO open packet, or a refusal to probe. */
export async function detectAfterBareSocket(
  url: string,
  seen: { engineIoOpen: boolean; code: number; reason: string },
  options: SessionOptions,
  io: CliIo,
): Promise<Detected | undefined> {
  if (seen.engineIoOpen) {
    io.stderr('The service sent an Engine.IO open packet: speaking socket.io (--protocol socket.io).\n')
    return { protocol: 'socket.io', reason: 'Engine.IO open packet' }
  }
  if (seen.code !== 4406 && seen.code !== 1002) return undefined
  io.stderr(
    `The service refused a bare WebSocket (close ${seen.code}${seen.reason ? `: ${seen.reason}` : ''}); trying its protocols…\n`,
  )
  const detected = await probeSubprotocols(url, options)
  if (detected !== undefined) {
    const legacy = detected.protocolOptions?.legacy === true ? ` --options '{"legacy":true}'` : ''
    io.stderr(`It speaks ${detected.protocol}: ${detected.reason} (--protocol ${detected.protocol}${legacy}).\n`)
  }
  return detected
}
