import { ErrorCodes, TetherError } from '../errors.js'
import type { ChangeNotifier } from './change-notifier.js'
import type { VariableHandlers, WebSocketVariableOptions } from './options.js'
import type { WebSocketVariable } from './WebSocketVariable.js'

/**
 * Calls a variable's event handlers `(variable, data, options)` and reports errors. Handlers are user
 * code: one that throws must not break the connection, so it is reported as HANDLER_FAILED and counts as
 * having returned undefined. Returned promises are ignored (handlers are synchronous by contract).
 */
export class EventHandlers {
  private disposed = false

  constructor(
    private readonly variable: WebSocketVariable,
    private readonly options: WebSocketVariableOptions,
    private readonly notifier: ChangeNotifier,
  ) {}

  /** After dispose no handler runs: the page that registered them is gone. */
  dispose(): void {
    this.disposed = true
  }

  /** Whether `name` would run: lets the per-message path skip building the handler's arguments. */
  has(name: keyof VariableHandlers): boolean {
    return !this.disposed && typeof this.options[name] === 'function'
  }

  call<K extends keyof VariableHandlers>(name: K, data: unknown, info: object): unknown {
    if (this.disposed) return undefined
    const handler = this.options[name] as
      | ((variable: WebSocketVariable, data: unknown, info: object) => unknown)
      | undefined
    if (typeof handler !== 'function') return undefined
    try {
      const result = handler(this.variable, data, info)
      return typeof (result as { then?: unknown })?.then === 'function' ? undefined : result
    } catch (cause) {
      const text = cause instanceof Error ? cause.message : String(cause)
      const reported = new TetherError(ErrorCodes.HANDLER_FAILED, `${name} of '${this.variable.name}' threw: ${text}`, {
        cause,
      })
      this.notifier.dispatch({ type: 'errorReported', error: reported })
      if (name !== 'onError') this.emitError(reported)
      return undefined
    }
  }

  /** A failure that does not change the connection state: recorded in `status.lastError`, then onError. */
  reportError(error: TetherError): void {
    this.notifier.dispatch({ type: 'errorReported', error })
    this.emitError(error)
  }

  /** onError only (the caller already put the error in the status). */
  emitError(error: TetherError): void {
    this.call('onError', error, { code: error.code })
  }
}
