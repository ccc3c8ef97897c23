import {
  answersEventStream,
  type Detected,
  type FetchHeaders,
  isEngineIoUrl,
  probeHandshakes,
  REFUSED_BARE_CANDIDATES,
  type ServiceProtocol,
} from '@tether/core'
import type { CliIo } from '../io.js'
import { type SessionOptions, webSocketWithHeaders } from './session.js'

// The rules themselves (what an Engine.IO URL or open packet looks like, which handshakes to try) are
// core's, shared with the server's detection for the studio; this file says what the CLI prints.

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
    (await answersEventStream(url.href, {
      fetch: fetch as unknown as FetchHeaders,
      headers: options.headers,
      timeoutMs: options.timeoutMs,
    }))
  ) {
    io.stderr('The server answers text/event-stream: reading it as SSE (--protocol sse).\n')
    return { protocol: 'sse', reason: 'text/event-stream' }
  }
  if (!isEngineIoUrl(url)) return undefined
  io.stderr('Speaking socket.io: the URL is an Engine.IO URL.\n')
  return { protocol: 'socket.io', reason: 'the URL is an Engine.IO URL' }
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
  const detected = await probeHandshakes(url, REFUSED_BARE_CANDIDATES, {
    WebSocket: webSocketWithHeaders(options.headers),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  })
  if (detected !== undefined) {
    const legacy = detected.protocolOptions?.legacy === true ? ` --options '{"legacy":true}'` : ''
    io.stderr(`It speaks ${detected.protocol}: ${detected.reason} (--protocol ${detected.protocol}${legacy}).\n`)
  }
  return detected
}
