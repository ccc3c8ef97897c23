export { BINDING_PREFIX, bindingSource } from './binding-value.js'
export { CALLABLE_METHODS } from './callable-methods.js'
export type {
  Action,
  CrudVariableDefinition,
  EventHandlers,
  PageDefinition,
  ProjectDefinition,
  RoutesDefinition,
  StaticVariableDefinition,
  VariableDefinition,
  WebSocketVariableDefinition,
  WidgetNode,
} from './schema.js'
export { pageDefinitionSchema, projectDefinitionSchema } from './schema.js'
export {
  defaultScriptFile,
  isScriptFile,
  MAX_SCRIPT_BYTES,
  SCRIPT_FILE_RULE,
  scriptFileOf,
} from './script-file.js'
export {
  BUILT_IN_PROVIDER,
  PAGE_ACCESS,
  type PageAccess,
  type PageAccessRule,
  providerOf,
  type SecurityDefinition,
  type SecurityProvider,
} from './security.js'
export { formatPath, validatePage, validateProject } from './validate.js'
