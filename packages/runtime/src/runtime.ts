import { createVariables, type VariableEnvironment, type VariableInputs } from './create-variables.js'
import { LoggedInUserVariable } from './logged-in-user.js'
import type { PageDefinition, ProjectDefinition } from './page/schema.js'
import type { NotifyLevel, PageRuntime, ScriptHandler } from './page-runtime.js'
import { type FrameScheduler, frameScheduler } from './scheduler.js'
import { VariableScope } from './variable-scope.js'
import { WidgetValues } from './widget-values.js'

export interface AppRuntimeOptions extends VariableEnvironment {
  project: Pick<ProjectDefinition, 'name' | 'title' | 'variables' | 'security'>
  navigate(page: string): void
  notify(message: string, level?: NotifyLevel): void
  /** Defaults to a fresh one that asks `/api/auth/me` on `refresh()`. */
  loggedInUser?: LoggedInUserVariable
  scheduler?: FrameScheduler
}

export interface AppRuntime {
  runtime: PageRuntime
  env: VariableEnvironment
  dispose(): void
}

function makeRuntime(
  base: Omit<PageRuntime, 'syncInputs'>,
  inputs: () => Map<string, VariableInputs>,
  parent: PageRuntime | null,
): PageRuntime {
  return {
    ...base,
    syncInputs(name) {
      const own = inputs().get(name)
      if (own) own.sync()
      else parent?.syncInputs(name)
    },
  }
}

/**
 * The app scope: `loggedInUser` and the project's app variables, alive for the whole session.
 * `loggedInUser` is registered as a variable too, so `Variables.loggedInUser.dataSet` also works.
 */
export function createAppRuntime(options: AppRuntimeOptions): AppRuntime {
  const { project, navigate, notify } = options
  const variables = new VariableScope()
  const loggedInUser =
    options.loggedInUser ?? new LoggedInUserVariable({ isSecurityEnabled: project.security?.enabled ?? false })
  variables.add('loggedInUser', loggedInUser)
  let inputs = new Map<string, VariableInputs>()
  const runtime = makeRuntime(
    {
      app: { name: project.name, title: project.title ?? project.name },
      page: { name: '', title: '' },
      variables,
      widgets: new WidgetValues(),
      loggedInUser,
      scheduler: options.scheduler ?? frameScheduler,
      handlers: {},
      navigate,
      notify,
    },
    () => inputs,
    null,
  )
  const env: VariableEnvironment = {
    services: options.services,
    ...(options.prepareService ? { prepareService: options.prepareService } : {}),
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.reportFailure ? { reportFailure: options.reportFailure } : {}),
  }
  inputs = createVariables(project.variables ?? {}, runtime, env, 'app')
  return {
    runtime,
    env,
    dispose() {
      for (const input of inputs.values()) input.dispose()
      variables.dispose()
    },
  }
}

export interface PageRuntimeHandle {
  runtime: PageRuntime
  /** Closes the page's variables (sockets, requests) and stops its input watchers. */
  dispose(): void
}

/** A page scope under the app: its own variables and widget values, disposed when the page is left. */
export function createPageRuntime(
  app: AppRuntime,
  page: PageDefinition,
  handlers: Record<string, ScriptHandler> = {},
): PageRuntimeHandle {
  const variables = new VariableScope(app.runtime.variables)
  let inputs = new Map<string, VariableInputs>()
  const runtime = makeRuntime(
    {
      ...app.runtime,
      page: { name: page.name, title: page.title ?? page.name },
      variables,
      widgets: new WidgetValues(),
      handlers,
    },
    () => inputs,
    app.runtime,
  )
  inputs = createVariables(page.variables, runtime, app.env, 'page')
  return {
    runtime,
    dispose() {
      for (const input of inputs.values()) input.dispose()
      variables.dispose()
    },
  }
}
