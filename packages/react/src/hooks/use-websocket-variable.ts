import {
  defineWebSocketService,
  VARIABLE_HANDLER_NAMES,
  type WebSocketService,
  type WebSocketServiceDefinition,
  WebSocketVariable,
} from '@tether/core'
import { useEffect, useRef, useState } from 'react'
import { useVariable } from './use-variable.js'

/** The variable's options; `service` may also be a definition (or its JSON), defined (validated) here. */
export type WebSocketVariableOptions = Omit<ConstructorParameters<typeof WebSocketVariable>[0], 'service'> & {
  service: WebSocketService | WebSocketServiceDefinition | string
}
export type WebSocketVariableSnapshot = ReturnType<WebSocketVariable['getSnapshot']>

/** The options that decide which connection is opened; a change to these recreates the variable. */
function identityKey(options: WebSocketVariableOptions): string {
  const service = options.service as unknown as { definition?: unknown; toJSON?: () => unknown }
  const definition = typeof service.toJSON === 'function' ? service.toJSON() : (service.definition ?? service)
  const { dataBinding: _bound, WebSocket: _ws, ...rest } = options as unknown as Record<string, unknown>
  for (const name of VARIABLE_HANDLER_NAMES) delete rest[name]
  delete rest.service
  // Which handlers exist matters to the core (e.g. onError's default notification); their code does not.
  const present = VARIABLE_HANDLER_NAMES.filter((name) => typeof options[name] === 'function')
  return JSON.stringify([definition, rest, present])
}

/**
 * Creates a WebSocketVariable when the component mounts, disposes it when it unmounts, and
 * returns its live snapshot plus the variable (to `send`, `open`, `close`). Event handlers are
 * kept in refs (changing them never reconnects); the variable is recreated only when the service
 * or a connection option really changes. `dataBinding` changes are passed to `setDataBinding`,
 * which reconnects only when a URL parameter changed.
 *
 * Before the first effect runs (and on the server) `variable` is null and `snapshot` undefined.
 *
 * @example
 * const { snapshot, variable } = useWebSocketVariable({ service, name: 'chat', onNewData: 'addAsLast' })
 * return <button onClick={() => variable?.send('hi')}>{snapshot?.status.state}</button>
 */
export function useWebSocketVariable(options: WebSocketVariableOptions): {
  variable: WebSocketVariable | null
  snapshot: WebSocketVariableSnapshot | undefined
} {
  const latest = useRef(options)
  latest.current = options
  const key = identityKey(options)
  const [variable, setVariable] = useState<WebSocketVariable | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the options that identify the connection
  useEffect(() => {
    const handlers: Record<string, unknown> = {}
    for (const name of VARIABLE_HANDLER_NAMES) {
      if (typeof latest.current[name] !== 'function') continue
      // Handlers read the latest options at call time, so a new closure each render is fine.
      handlers[name] = (...args: unknown[]) => {
        const handler = latest.current[name] as ((...a: unknown[]) => unknown) | undefined
        return handler?.(...args)
      }
    }
    const created = new WebSocketVariable({
      ...latest.current,
      service: defineWebSocketService(latest.current.service),
      ...handlers,
    })
    setVariable(created)
    return () => {
      created.dispose()
      setVariable(null)
    }
  }, [key])

  const bindingKey = JSON.stringify(options.dataBinding ?? {})
  // biome-ignore lint/correctness/useExhaustiveDependencies: bindingKey stands for the dataBinding's content
  useEffect(() => {
    if (variable && options.dataBinding) variable.setDataBinding(options.dataBinding)
  }, [variable, bindingKey])

  return { variable, snapshot: useVariable(variable) }
}
