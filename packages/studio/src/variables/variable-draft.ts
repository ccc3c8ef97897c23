import {
  defineWebSocketService,
  IDENTIFIER_RULE,
  isIdentifier,
  ON_NEW_DATA,
  type OnNewData,
  VARIABLE_HANDLER_NAMES,
  type WebSocketServiceDefinition,
} from '@tether/core'
import type { VariableDefinition } from '@tether/runtime'

export type Category = VariableDefinition['category']
export type Scope = 'app' | 'page'

export const CATEGORY_LABELS: Record<Category, string> = {
  websocket: 'WebSocket',
  crud: 'Database CRUD',
  static: 'Static (model)',
}

const ON_NEW_DATA_LABELS: Record<OnNewData, string> = {
  refresh: 'Replace (refresh)',
  addAsLast: 'Add as last',
  addAsFirst: 'Add as first',
  upsert: 'Update or insert by key',
}

/** The "On new data" choices: core's values, each with the label the form shows. */
export const ON_NEW_DATA_CHOICES = ON_NEW_DATA.map((value) => [value, ON_NEW_DATA_LABELS[value]] as const)

/** Events each kind fires (the page file's `events` keys). */
export const VARIABLE_EVENTS: Record<Category, readonly string[]> = {
  websocket: VARIABLE_HANDLER_NAMES,
  crud: ['onSuccess', 'onError'],
  static: [],
}

/** A fresh definition of the kind, with defaults that work at once (the first service or entity). */
export function newDefinition(
  category: Category,
  services: Record<string, WebSocketServiceDefinition>,
  entities: readonly string[] = [],
): VariableDefinition {
  if (category === 'websocket') {
    return {
      category,
      service: Object.keys(services)[0] ?? '',
      connectOnLoad: true,
      onNewData: 'refresh',
      dataLimit: 20,
    }
  }
  if (category === 'crud') return { category, entity: entities[0] ?? '', requestOnLoad: true, size: 20 }
  return { category, value: [] }
}

export interface ServiceInput {
  name: string
  kind: 'path' | 'query' | 'body'
  required: boolean
  default?: string
  description?: string
}

/**
 * The inputs a WebSocket variable can bind: the service's path and query parameters (read through
 * core's `defineWebSocketService`, so a broken service file is reported, not guessed) and `RequestBody`.
 */
export function serviceInputs(
  definition: WebSocketServiceDefinition | undefined,
): ServiceInput[] | { problem: string } {
  if (!definition) return { problem: 'Choose a service on the Properties tab.' }
  let service: WebSocketServiceDefinition
  try {
    service = defineWebSocketService(definition).definition
  } catch (error) {
    return { problem: `The service "${definition.name}" is invalid: ${(error as Error).message}` }
  }
  const described = (d?: string) => (d === undefined ? {} : { description: d })
  const defaulted = (d?: string) => (d === undefined ? {} : { default: d })
  return [
    ...(service.pathParams ?? []).map((p) => ({
      name: p.name,
      kind: 'path' as const,
      required: true,
      ...defaulted(p.default),
      ...described(p.description),
    })),
    ...(service.queryParams ?? []).map((p) => ({
      name: p.name,
      kind: 'query' as const,
      required: p.required === true,
      ...defaulted(p.default),
      ...described(p.description),
    })),
    {
      name: 'RequestBody',
      kind: 'body',
      required: false,
      ...defaulted(service.requestBody || undefined),
      description: 'Sent when the connection opens (and by send()).',
    },
  ]
}

/** Drops empty inputs and options that do not apply, so the page file stays minimal and valid. */
export function cleanDefinition(definition: VariableDefinition): VariableDefinition {
  const dropEmpty = (record: Record<string, unknown> | undefined) => {
    const kept = Object.entries(record ?? {}).filter(([, v]) => v !== undefined && v !== '')
    return kept.length === 0 ? undefined : Object.fromEntries(kept)
  }
  const withoutUndefined = <T extends object>(value: T): T =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
  if (definition.category === 'websocket') {
    return withoutUndefined({
      ...definition,
      keyField: definition.onNewData === 'upsert' ? definition.keyField || undefined : undefined,
      dataBinding: dropEmpty(definition.dataBinding),
      events: definition.events && Object.keys(definition.events).length > 0 ? definition.events : undefined,
    })
  }
  if (definition.category === 'crud') {
    return withoutUndefined({
      ...definition,
      sort: definition.sort || undefined,
      filter: dropEmpty(definition.filter),
      events: definition.events && Object.keys(definition.events).length > 0 ? definition.events : undefined,
    })
  }
  return definition
}

/** Why a variable name cannot be used in its scope, or null. */
export function nameProblem(name: string, taken: readonly string[]): string | null {
  if (name === '') return 'Give the variable a name.'
  if (!isIdentifier(name)) return `${IDENTIFIER_RULE} (It is used in bindings.)`
  if (name === 'loggedInUser') return '"loggedInUser" is built in; pick another name.'
  if (taken.includes(name)) return `"${name}" is already a variable here.`
  return null
}
