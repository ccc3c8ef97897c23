import { isTetherError } from '@tether/core'
import { compileCached } from './bound-values.js'
import { bindingSource } from './page/binding-value.js'
import { CALLABLE_METHODS } from './page/callable-methods.js'
import type { Action } from './page/schema.js'
import {
  type EventOrigin,
  evaluationScope,
  type LocalScope,
  type PageRuntime,
  type ScriptPage,
} from './page-runtime.js'
import { plainErrorMessage } from './plain-error.js'

const CALLABLE = new Set<string>(CALLABLE_METHODS)

function resolve(runtime: PageRuntime, value: unknown, local: LocalScope): unknown {
  const source = bindingSource(value)
  if (source === null) return value
  const expression = compileCached(source)
  if (expression instanceof Error) throw expression
  return expression.evaluate(evaluationScope(runtime, local))
}

function scriptPage(runtime: PageRuntime): ScriptPage {
  return {
    Variables: runtime.variables.snapshot(),
    Widgets: runtime.widgets.snapshot(),
    variable: (name) => runtime.variables.find(name),
    setWidget: (name, property, value) => runtime.widgets.set(name, property, value),
    navigate: (page) => runtime.navigate(page),
    notify: (message, level) => runtime.notify(message, level),
  }
}

async function runAction(
  runtime: PageRuntime,
  action: Action,
  local: LocalScope,
  origin: EventOrigin | undefined,
): Promise<void> {
  if ('call' in action) {
    const [name = '', method = ''] = action.call.split('.')
    const variable = runtime.variables.find(name) as Record<string, unknown> | undefined
    if (!variable) throw new Error(`no variable named "${name}" on this page or in the app`)
    const fn = variable[method]
    if (!CALLABLE.has(method) || typeof fn !== 'function') throw new Error(`"${name}" has no method "${method}"`)
    // Bound inputs (e.g. RequestBody ← the textarea) are batched per frame; push them before the call.
    runtime.syncInputs(name)
    await fn.call(variable)
  } else if ('setWidget' in action) {
    runtime.widgets.set(action.setWidget, action.property, resolve(runtime, action.value, local))
  } else if ('navigate' in action) {
    runtime.navigate(action.navigate)
  } else if ('logout' in action) {
    await runtime.loggedInUser.logout()
  } else if ('notify' in action) {
    runtime.notify(String(resolve(runtime, action.notify, local)), action.level)
  } else {
    const handler = runtime.handlers[action.script]
    if (!handler) throw new Error(`the page script has no handler "${action.script}"`)
    await handler(origin?.subject, local.event, { ...origin?.info, page: scriptPage(runtime) })
  }
}

/**
 * Runs an event's actions in order. A failing action stops the rest and is reported (console and a
 * notification) instead of escaping into React or the socket's callback. `origin` is what fired the
 * event, handed to page-script handlers as their first and third arguments.
 */
export async function runActions(
  runtime: PageRuntime,
  actions: readonly Action[] | undefined,
  local: LocalScope = {},
  origin?: EventOrigin,
): Promise<void> {
  if (!actions) return
  for (const action of actions) {
    try {
      await runAction(runtime, action, local, origin)
    } catch (error) {
      console.error('[tether] action failed', action, error)
      // The user reads a plain sentence; the error, with its code, is on the console above.
      runtime.notify(plainErrorMessage(isTetherError(error) ? error : null), 'error')
      return
    }
  }
}
