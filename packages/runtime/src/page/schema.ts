import {
  datasetNameProblem,
  datasetOptionProblems,
  IDENTIFIER_RULE,
  IDENTIFIER_SOURCE,
  isIdentifier,
  ON_NEW_DATA,
} from '@tether/core'
import { z } from 'zod'
import { isScriptFile, SCRIPT_FILE_RULE, scriptFileOf } from './script-file.js'
import { securitySchema } from './security.js'

/**
 * The JSON schema of Tether page and project files. Every property value may be a literal or a
 * binding string `"bind:<expression>"` (e.g. `"bind:Variables.heartrate.lastRecord.value"`), which
 * the runtime evaluates with the safe expression language of `@tether/core`.
 */

const identifier = z.string().refine(isIdentifier, IDENTIFIER_RULE)

/** A literal JSON value or a binding string. Binding syntax is checked separately (see validate.ts). */
const propertyValue = z.unknown()

const notifyLevel = z.enum(['info', 'success', 'warning', 'error'])

/** One step of an event handler; steps run in order and a failing step stops the rest. */
export const actionSchema = z.union([
  z.strictObject({
    call: z.string().regex(new RegExp(`^${IDENTIFIER_SOURCE}\\.[A-Za-z]+$`), 'write it as variable.method'),
  }),
  z.strictObject({ setWidget: identifier, property: z.string().min(1), value: propertyValue }),
  z.strictObject({ navigate: z.string().min(1) }),
  z.strictObject({ notify: z.string(), level: notifyLevel.optional() }),
  z.strictObject({ script: identifier }),
  /** Signs the user out (`POST /api/auth/logout`); a secured app then shows its sign-in form. */
  z.strictObject({ logout: z.literal(true) }),
])
export type Action = z.infer<typeof actionSchema>

const actions = z.array(actionSchema)
/** Event name → actions, e.g. `{ onClick: [{ call: 'chatroom.send' }] }`. */
const eventsSchema = z.record(z.string().regex(/^on[A-Z][A-Za-z]*$/, 'event names look like onClick'), actions)
export type EventHandlers = z.infer<typeof eventsSchema>

export interface WidgetNode {
  type: string
  name: string
  props: Record<string, unknown>
  children?: WidgetNode[] | undefined
  events?: EventHandlers | undefined
}

export const widgetNodeSchema: z.ZodType<WidgetNode> = z.lazy(() =>
  z.strictObject({
    type: z.string().min(1),
    name: identifier,
    props: z.record(z.string(), propertyValue).default({}),
    children: z.array(widgetNodeSchema).optional(),
    events: eventsSchema.optional(),
  }),
) as z.ZodType<WidgetNode>

const onNewData = z.enum(ON_NEW_DATA)

/** Core's dataset rules (dataLimit range, upsert needs keyField) as issues at their paths. */
function checkDatasetOptions(options: Parameters<typeof datasetOptionProblems>[0], ctx: z.RefinementCtx): void {
  for (const problem of datasetOptionProblems(options)) {
    ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message })
  }
}

/** The policy of one routed dataset; core defaults `onNewData` to 'addAsLast' here. */
const routeDatasetSchema = z
  .strictObject({
    /** Defaults to 'addAsLast'. */
    onNewData: onNewData.optional(),
    /** Defaults to 20; 0 keeps up to core's MAX_DATA_LIMIT. */
    dataLimit: z.number().optional(),
    keyField: z.string().optional(),
  })
  .superRefine(checkDatasetOptions)

/**
 * `routes.datasets` is keyed by the discriminator's value as text (`"trade"`, `"price-update"`, `"1"`),
 * because that is what core matches a message against. Names that are not identifiers are bound with
 * brackets: `Variables.market.datasets['price-update']`.
 */
const routedDatasetsSchema = z.record(z.string(), routeDatasetSchema).superRefine((datasets, ctx) => {
  const kinds = Object.keys(datasets)
  if (kinds.length === 0) ctx.addIssue({ code: 'custom', message: 'add at least one message type' })
  for (const kind of kinds) {
    const problem = datasetNameProblem(kind)
    if (problem !== null) ctx.addIssue({ code: 'custom', path: [kind], message: problem })
  }
})

/**
 * One connection feeding several datasets by a discriminator field, e.g.
 * `{ "field": "type", "datasets": { "trade": { "dataLimit": 100 }, "quote": { "onNewData": "upsert", "keyField": "symbol" } } }`,
 * or, without `field`, by the channel of a protocol service (`{ "datasets": { "tick": { "dataLimit": 100 } } }`).
 */
export const routesSchema = z.strictObject({
  /** The top-level message field whose value names the dataset, e.g. `type`. Defaults to none: route by channel. */
  field: z.string().min(1, 'name the field that tells message types apart, e.g. type').optional(),
  datasets: routedDatasetsSchema,
})
export type RoutesDefinition = z.infer<typeof routesSchema>

export const webSocketVariableSchema = z
  .strictObject({
    category: z.literal('websocket'),
    /** Name of an imported WebSocket service of the project. */
    service: identifier,
    /** Defaults to true. */
    connectOnLoad: z.boolean().optional(),
    /** Defaults to 'refresh'. */
    onNewData: onNewData.optional(),
    keyField: z.string().optional(),
    /** Defaults to 20; 0 keeps up to core's MAX_DATA_LIMIT (100,000), the hard limit. */
    dataLimit: z.number().optional(),
    /** Query/path parameter values and `RequestBody`: literals or bindings. */
    dataBinding: z.record(z.string(), propertyValue).optional(),
    /**
     * Resume after a reconnect: query parameter `param` carries the `field` of the newest record, and
     * records at or before it are dropped as duplicates, e.g. `{ "param": "since", "field": "id" }`. Defaults to off.
     */
    resume: z.strictObject({ param: z.string().min(1), field: z.string().min(1) }).optional(),
    /** Send the bound RequestBody again on every reconnect. Turn off when it is a chat line. Defaults to true. */
    resendRequestBodyOnReconnect: z.boolean().optional(),
    /**
     * Route messages by type (or, without `field`, by channel) into `Variables.<name>.datasets.<type>`,
     * each with its own policy; every message still reaches `dataSet`. Defaults to none; a service with
     * channels gets one list per channel anyway.
     */
    routes: routesSchema.optional(),
    events: eventsSchema.optional(),
  })
  .superRefine(checkDatasetOptions)

export const crudVariableSchema = z.strictObject({
  category: z.literal('crud'),
  entity: identifier,
  /** Defaults to true. */
  requestOnLoad: z.boolean().optional(),
  /** Field → value (literal or binding): rows where field equals value. */
  filter: z.record(z.string(), propertyValue).optional(),
  /** The CRUD API's sort: `lastname` or `-lastname` (descending), comma-separated for several. */
  sort: z.string().optional(),
  /** Records per request. Defaults to 20. */
  size: z.number().int().min(1).max(1000).optional(),
  events: eventsSchema.optional(),
})

export const staticVariableSchema = z.strictObject({
  category: z.literal('static'),
  value: z.unknown(),
})

export const variableDefinitionSchema = z.discriminatedUnion('category', [
  webSocketVariableSchema,
  crudVariableSchema,
  staticVariableSchema,
])
export type VariableDefinition = z.infer<typeof variableDefinitionSchema>
export type WebSocketVariableDefinition = z.infer<typeof webSocketVariableSchema>
export type CrudVariableDefinition = z.infer<typeof crudVariableSchema>
export type StaticVariableDefinition = z.infer<typeof staticVariableSchema>

const variables = z.record(identifier, variableDefinitionSchema)

export const pageDefinitionSchema = z.strictObject({
  name: identifier,
  title: z.string().optional(),
  variables: variables.default({}),
  widgets: z.array(widgetNodeSchema),
  /**
   * The page's script module, a file in the project's `scripts/` folder (`./scripts/main.js`); its
   * exported functions are the page's `{ script: 'name' }` handlers. Only project files: no other
   * origins, no `data:` URLs, no `..`.
   */
  script: z
    .string()
    .refine((path) => isScriptFile(scriptFileOf(path)), SCRIPT_FILE_RULE)
    .optional(),
})
export type PageDefinition = z.infer<typeof pageDefinitionSchema>

export const projectDefinitionSchema = z.strictObject({
  name: identifier,
  title: z.string().optional(),
  /** One or two sentences shown under the app's link on the landing page. */
  description: z.string().optional(),
  homePage: identifier,
  /** Sign-in, where users come from, who may open each page (see security.ts). Defaults to off. */
  security: securitySchema.default({ enabled: false }),
  /** App-scoped variables: they live as long as the app. */
  variables: variables.default({}),
  pages: z.array(identifier).min(1),
})
export type ProjectDefinition = z.infer<typeof projectDefinitionSchema>
