import { type InferredField, inferSchema, normalizeChannels, type WebSocketServiceDefinition } from '@tether/core'
import type { VariableDefinition, WidgetNode } from '@tether/runtime'
import { type EntityCatalog, findEntity } from '../api/entities.js'
import { flattenWidgets } from '../model/widget-tree.js'
import { channelFields, kindFields, recordFields, routedDatasetExpression } from './message-kinds.js'

/** One entry of the bind dialog's tree: a clickable expression and/or a group of entries. */
export interface BindingSource {
  label: string
  /** The expression a click binds to; absent for a pure group. */
  expression?: string
  /** What it holds: `list`, `record`, a field type such as `timestamp (epoch ms)`. */
  type?: string
  description?: string
  children?: BindingSource[]
}

export interface BindingContext {
  /** Page variables, then app variables (page ones win on a name clash, as at run time). */
  pageVariables: Record<string, VariableDefinition>
  appVariables: Record<string, VariableDefinition>
  services: Record<string, WebSocketServiceDefinition>
  widgets: readonly WidgetNode[]
  /** The server's CRUD entities (`GET /api/entities`): the fields of Database CRUD variables. */
  entities?: EntityCatalog
}

function safeInfer(samples: unknown): InferredField[] {
  try {
    return inferSchema(samples).fields
  } catch {
    return []
  }
}

/** The fields of one record of the variable's `dataSet`, from the service's samples or the value. */
export function variableFields(
  definition: VariableDefinition,
  services: BindingContext['services'],
  entities?: EntityCatalog,
): InferredField[] {
  if (definition.category === 'websocket') {
    const responses = services[definition.service]?.samples?.responses ?? []
    return responses.length > 0 ? recordFields(safeInfer(responses)) : []
  }
  if (definition.category === 'crud') {
    return (findEntity(entities, definition.entity)?.fields ?? []).map((field) => ({
      path: field.name,
      type: field.type === 'date' ? 'string' : field.type,
      optional: false,
      nullable: field.nullable,
      description: field.primaryKey ? 'primary key' : field.type === 'date' ? 'date (YYYY-MM-DD)' : '',
    }))
  }
  const value = definition.value
  if (Array.isArray(value) && value.length > 0) return recordFields(safeInfer(value))
  if (typeof value === 'object' && value !== null) return recordFields(safeInfer([value]))
  return []
}

function fieldEntries(prefix: string, fields: readonly InferredField[]): BindingSource[] {
  return fields.map((field) => ({
    label: field.path,
    expression: `${prefix}.${field.path}`,
    type: field.type,
    description: field.description,
  }))
}

function variableSource(name: string, definition: VariableDefinition, context: BindingContext, scope: string) {
  const fields = variableFields(definition, context.services, context.entities)
  const root = `Variables.${name}`
  const children: BindingSource[] = [
    { label: 'dataSet', expression: `${root}.dataSet`, type: 'list', description: 'every record' },
    {
      label: 'firstRecord',
      expression: `${root}.firstRecord`,
      type: 'record',
      children: fieldEntries(`${root}.firstRecord`, fields),
    },
    {
      label: 'lastRecord',
      expression: `${root}.lastRecord`,
      type: 'record',
      description: 'the newest message',
      children: fieldEntries(`${root}.lastRecord`, fields),
    },
  ]
  if (definition.category === 'websocket') {
    const datasets = routedDatasets(definition, context.services[definition.service])
    if (datasets) children.push(datasetsSource(name, datasets))
  }
  if (definition.category === 'websocket')
    children.push({ label: 'status.state', expression: `${root}.status.state`, type: 'string' })
  const source =
    definition.category === 'websocket'
      ? definition.service
      : definition.category === 'crud'
        ? definition.entity
        : 'static'
  return { label: name, type: `${definition.category} · ${scope}`, description: source, children }
}

/** Where a variable's `datasets` come from: a message field (routes by field) or the channels. */
interface RoutedDatasets {
  field: string | undefined
  names: string[]
  service: WebSocketServiceDefinition | undefined
}

/**
 * The datasets a WebSocket variable keeps besides `dataSet`: one per message type when it routes by a
 * field; otherwise one per channel of its service (core keeps them without any `routes`), plus any
 * channel `routes` names. Null when there are none.
 */
function routedDatasets(
  definition: Extract<VariableDefinition, { category: 'websocket' }>,
  service: WebSocketServiceDefinition | undefined,
): RoutedDatasets | null {
  const routes = definition.routes
  if (routes?.field !== undefined) return { field: routes.field, names: Object.keys(routes.datasets), service }
  const names = normalizeChannels(service?.channels).map((channel) => channel.name)
  for (const name of Object.keys(routes?.datasets ?? {})) if (!names.includes(name)) names.push(name)
  return names.length === 0 ? null : { field: undefined, names, service }
}

function datasetsSource(variable: string, { field, names, service }: RoutedDatasets): BindingSource {
  return {
    label: 'datasets',
    description: field === undefined ? 'one per channel' : `by message ${field}`,
    children: names.map((kind) => {
      const expression = routedDatasetExpression(variable, kind)
      return {
        label: kind,
        expression,
        type: 'list',
        description: field === undefined ? `messages on channel ${kind}` : `messages with ${field} = "${kind}"`,
        children: (field === undefined ? channelFields(service, kind) : kindFields(service, field, kind)).map((f) => ({
          label: `[0].${f.path}`,
          expression: `${expression}[0].${f.path}`,
          type: f.type,
          description: 'of the first record',
        })),
      }
    }),
  }
}

/** The List a widget sits in (its template), innermost first. */
function enclosingLists(widgets: readonly WidgetNode[], name: string | null): WidgetNode[] {
  if (name === null) return []
  const lists: WidgetNode[] = []
  const walk = (nodes: readonly WidgetNode[], path: WidgetNode[]): boolean => {
    for (const node of nodes) {
      if (node.name === name) {
        lists.push(...path.filter((n) => n.type === 'List').reverse())
        return true
      }
      if (node.children && walk(node.children, [...path, node])) return true
    }
    return false
  }
  walk(widgets, [])
  return lists
}

// `bind:Variables.x.dataSet`, `bind:Variables.x.datasets.trade`, `bind:Variables.x.datasets['price-update']`
const DATASET_BINDING =
  /^bind:\s*Variables\.([A-Za-z_][A-Za-z0-9_]*)\.(?:dataSet|datasets(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*(['"])((?:\\.|(?!\3).)*)\3\s*\]))\s*$/

/**
 * The variable (page first, then app) a dataset binding reads, and the routed message type when it
 * reads one of `datasets` (null for `dataSet`).
 */
export function datasetSource(
  dataset: unknown,
  context: BindingContext,
): { variable: VariableDefinition; kind: string | null } | null {
  if (typeof dataset !== 'string') return null
  const match = DATASET_BINDING.exec(dataset)
  const name = match?.[1]
  if (!match || !name) return null
  const variable = context.pageVariables[name] ?? context.appVariables[name]
  if (!variable) return null
  const kind = match[2] ?? match[4]?.replace(/\\(.)/g, '$1') ?? null
  return { variable, kind }
}

/** The record fields of the dataset a widget's `dataset` prop is bound to (for x/y fields, columns). */
export function datasetFields(dataset: unknown, context: BindingContext): InferredField[] {
  const source = datasetSource(dataset, context)
  if (!source) return []
  const { variable, kind } = source
  if (kind === null) return variableFields(variable, context.services, context.entities)
  if (variable.category !== 'websocket') return []
  const datasets = routedDatasets(variable, context.services[variable.service])
  if (!datasets?.names.includes(kind)) return []
  return datasets.field === undefined
    ? channelFields(datasets.service, kind)
    : kindFields(datasets.service, datasets.field, kind)
}

/**
 * The bind dialog's tree for the widget `forWidget` (null = a variable input): Variables with their
 * inferred fields, the enclosing lists' `item`, every widget's value, `loggedInUser` and the page.
 */
export function bindingSources(context: BindingContext, forWidget: string | null): BindingSource[] {
  const variables: BindingSource[] = []
  for (const [name, definition] of Object.entries(context.pageVariables))
    variables.push(variableSource(name, definition, context, 'page'))
  for (const [name, definition] of Object.entries(context.appVariables))
    if (!(name in context.pageVariables)) variables.push(variableSource(name, definition, context, 'app'))

  const widgets: BindingSource[] = []
  for (const { node } of flattenWidgets(context.widgets)) {
    if (node.type === 'Text' || node.type === 'Textarea')
      widgets.push({ label: `${node.name}.datavalue`, expression: `Widgets.${node.name}.datavalue`, type: 'string' })
    if (node.type === 'List') {
      const fields = datasetFields(node.props.dataset, context)
      widgets.push({
        label: `${node.name}.currentItem`,
        expression: `Widgets.${node.name}.currentItem`,
        type: 'record',
        description: 'the item being rendered, inside the list',
        children: fieldEntries(`Widgets.${node.name}.currentItem`, fields),
      })
    }
  }

  const groups: BindingSource[] = [{ label: 'Variables', children: variables }]
  const lists = enclosingLists(context.widgets, forWidget)
  const innermost = lists[0]
  if (innermost) {
    groups.push({
      label: `item (of ${innermost.name})`,
      expression: 'item',
      type: 'record',
      children: fieldEntries('item', datasetFields(innermost.props.dataset, context)),
    })
  }
  groups.push({ label: 'Widgets', children: widgets })
  groups.push({
    label: 'loggedInUser',
    children: [
      { label: 'dataSet.name', expression: 'loggedInUser.dataSet.name', type: 'string', description: 'username' },
      { label: 'dataSet.id', expression: 'loggedInUser.dataSet.id', type: 'integer' },
      { label: 'dataSet.roles', expression: 'loggedInUser.dataSet.roles', type: 'list' },
      { label: 'dataSet.isAuthenticated', expression: 'loggedInUser.dataSet.isAuthenticated', type: 'boolean' },
      { label: 'dataSet.tenantId', expression: 'loggedInUser.dataSet.tenantId', type: 'integer' },
    ],
  })
  groups.push({
    label: 'App and page',
    children: [
      { label: 'App.title', expression: 'App.title', type: 'string' },
      { label: 'Page.title', expression: 'Page.title', type: 'string' },
    ],
  })
  return groups
}
