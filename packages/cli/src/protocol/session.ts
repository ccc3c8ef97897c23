import {
  type ChannelInput,
  type CloseInfo,
  defineWebSocketService,
  ErrorCodes,
  isTetherError,
  type ServiceProtocol,
  type WebSocketConstructor,
  type WebSocketService,
  WebSocketVariable,
} from '@tether/core'
import WebSocket from 'ws'
import { CliError, ExitCodes } from '../io.js'

/** What to connect to: a URL spoken to in a protocol, with its channels and options. */
export interface ProtocolTarget {
  url: string
  protocol: ServiceProtocol
  channels: ChannelInput[]
  protocolOptions?: Record<string, unknown>
}

export interface SessionOptions {
  /** Handshake headers (for SSE: request headers). */
  headers: Record<string, string>
  timeoutMs: number
  signal: AbortSignal
  /** Sent once connected (Socket.IO: emitted as `message`). */
  body?: string
  /** Called once the protocol's handshake is done. */
  connected?: () => void
}

export type Deliver = (payload: unknown, channel: string | undefined, raw: unknown) => 'continue' | 'stop'

export interface SessionEnd {
  stoppedByUs: boolean
  close: CloseInfo | undefined
  error: { code: string; message: string } | null
}

/** The `ws` class with handshake headers, shaped like the WebSocket a variable takes. */
export function webSocketWithHeaders(headers: Record<string, string>): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  } as unknown as WebSocketConstructor
}

/** The target as a validated service; an invalid one (a bad channel, bad options) is a usage error. */
export function targetService(
  target: ProtocolTarget,
  headers: Record<string, string>,
  command: string,
): WebSocketService {
  const options =
    target.protocol === 'sse' && Object.keys(headers).length > 0
      ? { ...target.protocolOptions, headers: { ...(target.protocolOptions?.headers as object), ...headers } }
      : target.protocolOptions
  try {
    return defineWebSocketService({
      name: 'cli',
      url: target.url,
      protocol: target.protocol,
      ...(options === undefined ? {} : { protocolOptions: options as never }),
      ...(target.channels.length === 0 ? {} : { channels: target.channels }),
    })
  } catch (error) {
    if (!isTetherError(error)) throw error
    const lines = error.details.map(
      (d) => `${d.path.replace(/^protocolOptions/, '--options').replace(/^channels/, '--channel')}: ${d.message}`,
    )
    throw new CliError(lines.join('\n  ') || error.message, `Run \`tether ${command} --help\`.`, ExitCodes.USAGE)
  }
}

/** What to do about a coded failure, in the user's terms. */
function hintFor(code: string, protocol: ServiceProtocol): string {
  switch (code) {
    case ErrorCodes.AUTH_FAILED:
      return 'The service refused the credentials: check --options (auth, login, connectionParams…) or --header.'
    case ErrorCodes.PROTOCOL_ERROR:
      return `Is this really a ${protocol} service? Try another --protocol, or check --options.`
    case ErrorCodes.PROTOCOL_UNAVAILABLE:
      return `This build of Tether cannot speak ${protocol} yet.`
    case ErrorCodes.CONNECT_FAILED:
      return 'Check the URL (host, port, path) and that the service is running.'
    default:
      return ''
  }
}

/**
 * Connects with core's WebSocketVariable in `protocol` (no reconnect: the CLI shows one connection),
 * hands each message to `deliver` with its channel, and resolves when the connection ends or `deliver`
 * says stop (or Ctrl-C). A failure to connect rejects with a CliError that says what to do.
 */
export async function streamProtocol(
  service: WebSocketService,
  options: SessionOptions,
  deliver: Deliver,
): Promise<SessionEnd> {
  let stoppedByUs = false
  let finish: (end: SessionEnd) => void = () => {}
  const ended = new Promise<SessionEnd>((resolve) => {
    finish = resolve
  })
  const variable: WebSocketVariable = new WebSocketVariable({
    service,
    name: 'cli',
    connectOnLoad: false,
    reconnect: false,
    connectTimeoutMs: options.timeoutMs,
    dataLimit: 1,
    WebSocket: webSocketWithHeaders(options.headers),
    onMessageReceive: (_variable, payload, info) => {
      if (!stoppedByUs && deliver(payload, info.channel, info.raw) === 'stop') stop()
      return false // shown, not kept
    },
    onClose: (_variable, info) => finish({ stoppedByUs, close: info, error: variable.status.lastError }),
  })
  const stop = () => {
    stoppedByUs = true
    void variable.close().then(() => finish({ stoppedByUs, close: undefined, error: null }))
  }
  const onAbort = () => stop()
  options.signal.addEventListener('abort', onAbort, { once: true })
  try {
    await variable.open()
  } catch (error) {
    options.signal.removeEventListener('abort', onAbort)
    variable.dispose()
    if (options.signal.aborted) throw new CliError('Cancelled.', '', ExitCodes.FAILURE)
    const code = isTetherError(error) ? error.code : ''
    throw new CliError((error as Error).message, hintFor(code, service.definition.protocol ?? 'websocket'))
  }
  options.connected?.()
  if (options.body !== undefined) variable.send(options.body)
  const end = await ended
  options.signal.removeEventListener('abort', onAbort)
  variable.dispose()
  return end
}
