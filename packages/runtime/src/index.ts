// @tether/runtime — the public surface, listed by name. Framework-free: no React, no DOM rendering.
export { runActions } from './actions.js'
export { type BoundResult, BoundValues } from './bound-values.js'
export { type LocationLike, prepareBrowserService } from './browser-service.js'
export { createVariables, type PreparedService, type VariableEnvironment } from './create-variables.js'
export { type CrudStatus, CrudVariable, type CrudVariableOptions, type CrudVariableSnapshot } from './crud-variable.js'
export { Listeners, type Observable } from './listeners.js'
export { type LoggedInUser, type LoggedInUserSnapshot, LoggedInUserVariable, toLoggedInUser } from './logged-in-user.js'
export { type Notification, NotificationCenter } from './notifications.js'
export * from './page/index.js'
export { canOpenPage, type PageAccessDecision, pageAccessRule, welcomesVisitors } from './page-access.js'
export {
  type EventOrigin,
  LIST_ITEMS,
  type LocalScope,
  type NotifyLevel,
  type PageRuntime,
  type ScriptHandler,
  type ScriptOptions,
  type ScriptPage,
} from './page-runtime.js'
export { type Failure, failureDetail, plainErrorMessage } from './plain-error.js'
export {
  type AppRuntime,
  type AppRuntimeOptions,
  createAppRuntime,
  createPageRuntime,
  type PageRuntimeHandle,
} from './runtime.js'
export { createFrameScheduler, type FrameScheduler, frameScheduler } from './scheduler.js'
export { StaticVariable } from './static-variable.js'
export { VariableScope } from './variable-scope.js'
export { WidgetValues } from './widget-values.js'
