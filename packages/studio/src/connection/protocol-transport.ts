import {
  isTetherError,
  loadProtocol,
  normalizeChannels,
  type ProtocolConnection,
  type ServiceProtocol,
  type WebSocketServiceDefinition,
} from '@tether/core'
import type { TestTransport, TransportHandlers } from './transport.js'

/** The part of a service definition its protocol adapter needs. */
export type ProtocolService = Pick<
  WebSocketServiceDefinition,
  'name' | 'protocolOptions' | 'channels' | 'subprotocols' | 'payloadFormat'
> & { protocol: Exclude<ServiceProtocol, 'websocket'> }

/** The size in bytes of what arrived (the adapter's raw frame, else the decoded payload as JSON). */
function sizeOf(raw: unknown, payload: unknown): number {
  if (typeof raw === 'string') return new TextEncoder().encode(raw).length
  if (raw instanceof Uint8Array || raw instanceof ArrayBuffer) return raw.byteLength
  if (payload instanceof Uint8Array) return payload.byteLength
  return new TextEncoder().encode(typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? '')).length
}

/**
 * Speaks the service's protocol through core's own adapter (the one its variables use), so the test
 * sees what an app will see: each message with its channel, the handshake and subscriptions done. One
 * connection, never retried; the adapter's code is loaded on first use.
 */
export function openProtocolTransport(
  service: ProtocolService,
  WebSocketClass: typeof WebSocket,
  url: string,
  requestBody: string,
  handlers: TransportHandlers,
): TestTransport {
  let connection: ProtocolConnection | null = null
  let done = false
  let opened = false
  const end = (info: { code: number; reason: string }, failure?: string) => {
    if (done) return
    done = true
    handlers.closed({ ...info, opened }, failure)
  }
  loadProtocol(service.protocol)
    .then((module) => {
      if (done) return
      const adapter = module.createAdapter({
        name: service.name,
        protocolOptions: service.protocolOptions,
        channels: normalizeChannels(service.channels),
        subprotocols: service.subprotocols,
        payloadFormat: service.payloadFormat,
      })
      const body = requestBody.trim() === '' ? undefined : requestBody
      connection = adapter.connect(
        { url, WebSocket: WebSocketClass, requestBody: service.protocol === 'sse' ? body : undefined },
        {
          opened: () => {
            if (done) return
            opened = true
            handlers.opened()
            if (body !== undefined && service.protocol !== 'sse') connection?.send(body, undefined)
          },
          received: (payload, channel, raw) => {
            if (!done) handlers.received(payload, channel, sizeOf(raw, payload))
          },
          alive: () => undefined,
          problem: (error) => {
            if (!done) handlers.problem(error.message)
          },
          closed: (info, failure) => end(info, failure?.error.message),
        },
      )
    })
    .catch((error: unknown) => {
      const message = isTetherError(error) || error instanceof Error ? error.message : String(error)
      end({ code: 1006, reason: '' }, message)
    })
  return {
    send: (text) => connection?.send(text, undefined),
    close: () => {
      done = true
      connection?.close('The test was stopped.')
    },
  }
}
