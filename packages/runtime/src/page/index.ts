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
export { formatPath, validatePage, validateProject } from './validate.js'
