import WS from 'ws'
import type { WebSocketServiceDefinition } from '../../service/index.js'
import { defineWebSocketService } from '../../service/index.js'
import type { WebSocketVariableOptions } from '../options.js'
import { WebSocketVariable } from '../WebSocketVariable.js'

const created: WebSocketVariable[] = []

/**
 * A variable on `url` with test-friendly defaults: no auto-open, `ws` as WebSocket, 10–50 ms backoff,
 * and an attempt count that resets after 20 ms of uptime.
 */
export function makeVariable(
  service: string | Partial<WebSocketServiceDefinition>,
  options: Partial<WebSocketVariableOptions> = {},
): WebSocketVariable {
  const definition =
    typeof service === 'string' ? { name: 'heartrate', url: service } : { name: 'svc', url: '', ...service }
  const variable = new WebSocketVariable({
    service: defineWebSocketService(definition),
    name: 'testvariable',
    connectOnLoad: false,
    WebSocket: WS,
    reconnect: { initialDelayMs: 10, maxDelayMs: 50, minUptimeMs: 20 },
    ...options,
  })
  created.push(variable)
  return variable
}

/** Disposes every variable made by makeVariable (call in afterEach). */
export function disposeVariables(): void {
  for (const variable of created.splice(0)) variable.dispose()
}

/** Records every handler call as `[event, data, options]`. */
export function recordEvents() {
  const calls: [string, unknown, unknown][] = []
  const record =
    (event: string) =>
    (_variable: WebSocketVariable, data: unknown, options: unknown): undefined => {
      calls.push([event, data, options])
      return undefined
    }
  const handlers = {
    onBeforeOpen: record('onBeforeOpen'),
    onOpen: record('onOpen'),
    onBeforeMessageSend: record('onBeforeMessageSend'),
    onMessageReceive: record('onMessageReceive'),
    onError: record('onError'),
    onBeforeClose: record('onBeforeClose'),
    onClose: record('onClose'),
  }
  return { calls, handlers, names: () => calls.map((c) => c[0]) }
}
