// biome-ignore lint/suspicious/noExplicitAny: event types differ between the DOM WebSocket and `ws`; both must fit.
type AnyEvent = any

/** The part of the WebSocket API Tether uses; the DOM `WebSocket` and the `ws` package both fit. */
export interface WebSocketLike {
  readonly readyState: number
  /** The subprotocol the server accepted ('' when none). */
  readonly protocol?: string
  binaryType: string
  onopen: ((event: AnyEvent) => void) | null
  onmessage: ((event: AnyEvent) => void) | null
  onerror: ((event: AnyEvent) => void) | null
  onclose: ((event: AnyEvent) => void) | null
  // biome-ignore lint/suspicious/noExplicitAny: see AnyEvent
  send(data: any): void
  close(code?: number, reason?: string): void
  /** `ws` only: drop the connection without a closing handshake. */
  terminate?(): void
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike

/** How a connection closed (for SSE and protocol-level endings, the WebSocket codes are reused). */
export interface CloseInfo {
  code: number
  reason: string
  wasClean: boolean
}

/** `WebSocket.OPEN`; not read from the class because `ws` and the DOM both use 1 and one may be absent. */
export const OPEN = 1

/** The DOM and `ws` close events differ in shape; a missing event means an abnormal close. */
export function closeInfoOf(event: unknown): CloseInfo {
  const e = (event ?? {}) as Partial<CloseInfo>
  return { code: e.code ?? 1006, reason: e.reason ?? '', wasClean: e.wasClean ?? false }
}

export const describeClose = (info: CloseInfo): string =>
  ` (close code ${info.code}${info.reason ? `: ${info.reason}` : ''})`

/**
 * Creates a WebSocket with `binaryType` arraybuffer, offering `protocols` when there are any. Throws
 * whatever the constructor throws (a malformed URL, a bad subprotocol).
 */
export function createSocket(
  Implementation: WebSocketConstructor,
  url: string,
  protocols: readonly string[] | undefined,
): WebSocketLike {
  const socket =
    protocols !== undefined && protocols.length > 0 ? new Implementation(url, [...protocols]) : new Implementation(url)
  socket.binaryType = 'arraybuffer'
  return socket
}
