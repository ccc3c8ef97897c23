import { SERVICE_PROTOCOLS, type ServiceProtocol } from '@tether/core'
import { usageError } from '../io.js'

/** `--protocol NAME`, checked against core's list; undefined when not given (then detected). */
export function protocolOption(command: string, raw: unknown): ServiceProtocol | undefined {
  if (raw === undefined) return undefined
  const found = SERVICE_PROTOCOLS.find((name) => name === raw)
  if (found === undefined)
    throw usageError(`--protocol must be one of ${SERVICE_PROTOCOLS.join(', ')}, not "${String(raw)}".`, command)
  return found
}

/** `--options JSON`: the service's protocolOptions (core checks their fields with the service). */
export function protocolOptionsOption(command: string, raw: unknown): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined
  let value: unknown
  try {
    value = JSON.parse(String(raw))
  } catch {
    throw usageError(`--options must be a JSON object, e.g. '{"namespace":"/admin"}', not ${String(raw)}.`, command)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw usageError(`--options must be a JSON object, e.g. '{"namespace":"/admin"}'.`, command)
  }
  return value as Record<string, unknown>
}

/** The help lines every protocol-aware command shares. */
export const PROTOCOL_HELP = `  --protocol NAME    websocket, socket.io, stomp, mqtt, graphql-ws or sse (default: detected:
                     an Engine.IO URL or open packet is socket.io, an http(s) URL answering
                     text/event-stream is sse, a server refusing a bare WebSocket is tried with
                     each protocol's subprotocol and hello)
  --channel X        what to subscribe to (repeatable): a Socket.IO event, a STOMP destination,
                     an MQTT topic filter, an SSE event, or a GraphQL subscription as
                     NAME=DOCUMENT; without it, Socket.IO and SSE show every event
  --options JSON     the protocol's options, e.g. '{"namespace":"/admin","auth":{"token":"…"}}'`
