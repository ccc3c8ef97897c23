import {
  ErrorCodes,
  type TetherError,
  trustedWebSocketService,
  type WebSocketServiceDefinition,
  WebSocketVariable,
} from '@tether/core'
import { runActions } from './actions.js'
import { BoundValues } from './bound-values.js'
import { CrudVariable } from './crud-variable.js'
import type { CrudVariableDefinition, VariableDefinition, WebSocketVariableDefinition } from './page/schema.js'
import type { PageRuntime } from './page-runtime.js'
import { type Failure, failureDetail, plainErrorMessage } from './plain-error.js'
import { StaticVariable } from './static-variable.js'

export interface VariableEnvironment {
  /**
   * The project's WebSocket service definitions by name, already validated by whoever loaded them (the
   * server checks every service file it serves; elsewhere use core's `defineWebSocketService`). The
   * runtime does not validate them again, so a browser app never loads the validation code.
   */
  services: Record<string, WebSocketServiceDefinition>
  /**
   * Adjusts a service before use: resolves relative URLs and, for `useProxy` services, gives a
   * WebSocket class that connects through the server's proxy. Defaults to using it as is.
   */
  prepareService?: (definition: WebSocketServiceDefinition) => PreparedService
  WebSocket?: typeof WebSocket
  fetch?: typeof fetch
  /**
   * Told each failure of a variable, with its code, for the developer (the user reads only the plain
   * sentence); `retrying` when the variable reconnects by itself. Defaults to the console: `error`, or
   * `warn` while retrying.
   */
  reportFailure?: (variable: string, failure: Failure, retrying: boolean) => void
}

export interface PreparedService {
  service: WebSocketServiceDefinition
  /** Overrides the environment's WebSocket for this service. */
  WebSocket?: typeof WebSocket
  /** Origin (ws: or wss:) that a relative service URL such as `/websocket/heartrate` is resolved against. */
  baseUrl?: string
  /** The server's WebSocket proxy endpoint, used when the service has `useProxy`. */
  proxyUrl?: string
}

/** Keeps a variable's bound inputs (dataBinding / filter) pushed into it as their sources change. */
export interface VariableInputs {
  sync(): void
  dispose(): void
}

type EventActions = WebSocketVariableDefinition['events']

/** Maps `events: { onOpen: [...] }` to core's `(variable, data, options)` callbacks that run those actions. */
function eventHandlers(
  runtime: PageRuntime,
  events: EventActions,
): Record<string, (v: unknown, data: unknown, info: object) => undefined> {
  const handlers: Record<string, (v: unknown, data: unknown, info: object) => undefined> = {}
  for (const [event, actions] of Object.entries(events ?? {})) {
    handlers[event] = (variable, data, info) => {
      void runActions(runtime, actions, { event: data }, { subject: variable, info })
      return undefined
    }
  }
  return handlers
}

function logFailure(variable: string, failure: Failure, retrying: boolean): void {
  const line = `[tether] variable "${variable}": ${failureDetail(failure)}`
  if (retrying) console.warn(line)
  else console.error(line)
}

function watchInputs(
  runtime: PageRuntime,
  raw: Record<string, unknown>,
  push: (values: Record<string, unknown>) => void,
): VariableInputs & { initial: Record<string, unknown> } {
  const bound = new BoundValues(runtime, raw)
  let last = bound.getSnapshot().values
  const pushChanges = (): void => {
    const values = bound.getSnapshot().values
    const changed: Record<string, unknown> = {}
    let any = false
    for (const key of Object.keys(values)) {
      if (!Object.is(values[key], last[key])) {
        changed[key] = values[key]
        any = true
      }
    }
    last = values
    if (any) push(changed)
  }
  const stop = bound.subscribe(pushChanges)
  return {
    initial: last,
    sync() {
      bound.recompute()
      pushChanges()
    },
    dispose: stop,
  }
}

function createWebSocket(
  name: string,
  def: WebSocketVariableDefinition,
  runtime: PageRuntime,
  env: VariableEnvironment,
  owner: 'page' | 'app',
) {
  const service = env.services[def.service]
  if (!service) throw new Error(`variable "${name}" uses service "${def.service}", which the project does not define`)
  const prepared: PreparedService = env.prepareService ? env.prepareService(service) : { service }
  const WebSocketClass = prepared.WebSocket ?? env.WebSocket
  let variable: WebSocketVariable | null = null
  const inputs = watchInputs(runtime, def.dataBinding ?? {}, (changed) => variable?.setDataBinding(changed))
  const handlers = eventHandlers(runtime, def.events)
  const onError = handlers.onError
  const report = env.reportFailure ?? logFailure
  handlers.onError = (v, error, info) => {
    report(name, error as TetherError, (v as WebSocketVariable).getSnapshot().status.state === 'reconnecting')
    return onError?.(v, error, info)
  }
  variable = new WebSocketVariable({
    service: trustedWebSocketService(prepared.service),
    name,
    owner,
    connectOnLoad: def.connectOnLoad ?? true,
    onNewData: def.onNewData ?? 'refresh',
    ...(def.keyField === undefined ? {} : { keyField: def.keyField }),
    ...(def.dataLimit === undefined ? {} : { dataLimit: def.dataLimit }),
    ...(def.resume === undefined ? {} : { resume: def.resume }),
    ...(def.routes === undefined ? {} : { routes: def.routes }),
    ...(def.resendRequestBodyOnReconnect === undefined
      ? {}
      : { resendRequestBodyOnReconnect: def.resendRequestBodyOnReconnect }),
    dataBinding: inputs.initial,
    ...(WebSocketClass ? { WebSocket: WebSocketClass } : {}),
    ...(prepared.baseUrl === undefined ? {} : { baseUrl: prepared.baseUrl }),
    ...(prepared.proxyUrl === undefined ? {} : { proxyUrl: prepared.proxyUrl }),
    ...handlers,
  })
  return { variable, inputs }
}

function createCrud(name: string, def: CrudVariableDefinition, runtime: PageRuntime, env: VariableEnvironment) {
  let variable: CrudVariable | null = null
  const inputs = watchInputs(runtime, def.filter ?? {}, (changed) => variable?.setFilter(changed))
  const events = def.events ?? {}
  const report = env.reportFailure ?? logFailure
  variable = new CrudVariable({
    name,
    entity: def.entity,
    filter: inputs.initial,
    requestOnLoad: def.requestOnLoad ?? true,
    ...(def.sort === undefined ? {} : { sort: def.sort }),
    ...(def.size === undefined ? {} : { size: def.size }),
    ...(env.fetch ? { fetch: env.fetch } : {}),
    onSuccess: (v, data) => void runActions(runtime, events.onSuccess, { event: data }, { subject: v }),
    onError: (v, error) => {
      // The status has the HTTP status the error came with.
      report(name, v.getSnapshot().status.lastError ?? error, false)
      void runActions(runtime, events.onError, { event: error }, { subject: v })
    },
  })
  return { variable, inputs }
}

/**
 * Creates the variables of one scope in definition order (so a variable's bindings can read the ones
 * defined before it) and registers them in `runtime.variables`. Returns the input watchers, which the
 * caller disposes together with the scope.
 */
export function createVariables(
  definitions: Record<string, VariableDefinition>,
  runtime: PageRuntime,
  env: VariableEnvironment,
  owner: 'page' | 'app',
): Map<string, VariableInputs> {
  const inputs = new Map<string, VariableInputs>()
  for (const [name, def] of Object.entries(definitions)) {
    try {
      if (def.category === 'static') {
        runtime.variables.add(name, new StaticVariable(name, def.value))
        continue
      }
      const created =
        def.category === 'websocket'
          ? createWebSocket(name, def, runtime, env, owner)
          : createCrud(name, def, runtime, env)
      runtime.variables.add(name, created.variable)
      inputs.set(name, created.inputs)
    } catch (error) {
      // One broken variable must not take the page down: the widgets bound to it show the error.
      const message = error instanceof Error ? error.message : String(error)
      console.error(`[tether] variable "${name}" could not be created: ${message}`, error)
      runtime.notify(plainErrorMessage({ code: ErrorCodes.INVALID_VARIABLE_OPTIONS }), 'error')
    }
  }
  return inputs
}
