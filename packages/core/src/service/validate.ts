import * as z from 'zod'
import { ErrorCodes, type ErrorDetail, TetherError } from '../errors.js'
import { SHARED_FEED_MAXIMA } from '../feed/shared-feed.js'
import { IDENTIFIER_RULE, isIdentifier } from '../identifier.js'
import { payloadDetails, payloadFormatSchema, protobufPayloadSchema } from '../payload/definition.js'
import { SERVICE_PROTOCOLS } from '../protocols/names.js'
import { jsonValueProblems } from './json-value.js'
import { protocolDetails } from './protocol-fields.js'
import type { WebSocketServiceDefinition } from './types.js'
import { parseServiceUrl } from './url-template.js'
import { zodDetails } from './zod-details.js'

/** RFC 9110 token characters: what a Sec-WebSocket-Protocol value may contain. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** The dataBinding key of the message sent on connect; a parameter with this name could never be bound. */
const REQUEST_BODY = 'RequestBody'

const str = (field: string) => z.string({ error: `${field} must be a string.` })
const bool = (field: string) => z.boolean({ error: `${field} must be true or false.` })
const jsonValue = z.unknown().superRefine((value, ctx) => {
  for (const problem of jsonValueProblems(value)) {
    ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path })
  }
})

const queryParamSchema = z.strictObject(
  {
    name: str('A query parameter name').min(1, { error: 'Give the query parameter a name.' }),
    required: bool('required').optional(),
    default: str('default').optional(),
    description: str('description').optional(),
  },
  { error: 'A query parameter must be an object like { "name": "username" }.' },
)

const pathParamSchema = z.strictObject(
  {
    name: str('A path parameter name').refine(isIdentifier, {
      error: `A path parameter name must be an identifier matching a {placeholder} in the url. ${IDENTIFIER_RULE}`,
    }),
    default: str('default').optional(),
    description: str('description').optional(),
  },
  { error: 'A path parameter must be an object like { "name": "roomId" }.' },
)

const bufferBound = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number.` })
    .int({ error: `${field} must be a whole number.` })
    .min(min, { error: `${field} must be at least ${min}.` })
    .max(max, { error: `${field} must be at most ${max.toLocaleString('en-US')}.` })

const sharedSchema = z.union(
  [
    bool('shared'),
    z.strictObject({
      bufferMessages: bufferBound('shared.bufferMessages', 0, SHARED_FEED_MAXIMA.bufferMessages).optional(),
      bufferSeconds: bufferBound('shared.bufferSeconds', 1, SHARED_FEED_MAXIMA.bufferSeconds).optional(),
    }),
  ],
  { error: 'shared must be true, false or an object like { "bufferMessages": 100, "bufferSeconds": 300 }.' },
)

const definitionSchema = z.strictObject(
  {
    name: z.string({ error: 'Give the service a name, e.g. "chatroom".' }).refine(isIdentifier, {
      error: `The name must be an identifier, e.g. "chatroom". ${IDENTIFIER_RULE}`,
    }),
    url: z.string({ error: 'Give the service a ws:// or wss:// url.' }),
    protocol: z
      .enum(SERVICE_PROTOCOLS, { error: `protocol must be one of ${SERVICE_PROTOCOLS.join(', ')}.` })
      .optional(),
    // Checked against the protocol's own rules in protocolDetails; here only that they are plain JSON.
    protocolOptions: jsonValue.optional(),
    channels: z.array(jsonValue, { error: 'channels must be an array.' }).optional(),
    payloadFormat: payloadFormatSchema.optional(),
    protobuf: protobufPayloadSchema.optional(),
    description: str('description').optional(),
    queryParams: z.array(queryParamSchema, { error: 'queryParams must be an array.' }).optional(),
    pathParams: z.array(pathParamSchema, { error: 'pathParams must be an array.' }).optional(),
    requestBody: str('requestBody').optional(),
    subprotocols: z
      .array(
        str('A subprotocol').regex(TOKEN, {
          error: 'A subprotocol must be a non-empty token without spaces or separators, e.g. "graphql-ws".',
        }),
        { error: 'subprotocols must be an array of strings.' },
      )
      .optional(),
    useProxy: bool('useProxy').optional(),
    shared: sharedSchema.optional(),
    samples: z
      .strictObject(
        {
          request: str('samples.request').optional(),
          responses: z.array(jsonValue, { error: 'samples.responses must be an array of sample messages.' }),
        },
        { error: 'samples must be an object like { "responses": [] }.' },
      )
      .optional(),
    schema: z.record(z.string(), jsonValue, { error: 'schema must be a JSON Schema object.' }).optional(),
  },
  { error: 'A service definition must be an object like { "name": "chat", "url": "ws://host/chat" }.' },
)

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined

/** Names at `items[i].name` that are strings, with their index. */
function namesOf(items: unknown): { index: number; name: string }[] {
  if (!Array.isArray(items)) return []
  return items.flatMap((item, index) => {
    const name = asRecord(item)?.name
    return typeof name === 'string' && name !== '' ? [{ index, name }] : []
  })
}

function duplicateDetails(field: string, names: { index: number; name: string }[], suffix: string): ErrorDetail[] {
  const firstAt = new Map<string, number>()
  const details: ErrorDetail[] = []
  for (const { index, name } of names) {
    const first = firstAt.get(name)
    if (first === undefined) firstAt.set(name, index)
    else
      details.push({
        path: `${field}[${index}]${suffix}`,
        message: `Duplicate name '${name}' (also at ${field}[${first}]).`,
      })
  }
  return details
}

/** Rules that relate several fields; checked on whatever parts of the input have the right shape. */
function crossFieldDetails(raw: Record<string, unknown>): ErrorDetail[] {
  const details: ErrorDetail[] = []
  const protocol = SERVICE_PROTOCOLS.find((name) => name === raw.protocol)
  const template = typeof raw.url === 'string' ? parseServiceUrl({ url: raw.url, protocol }) : undefined
  const queryNames = namesOf(raw.queryParams)
  const pathNames = namesOf(raw.pathParams).filter(({ name }) => isIdentifier(name))
  const boundPathNames = Array.isArray(raw.pathParams) ? pathNames.map((p) => p.name) : (template?.placeholders ?? [])
  details.push(...duplicateDetails('queryParams', queryNames, '.name'))
  details.push(...duplicateDetails('pathParams', pathNames, '.name'))
  if (Array.isArray(raw.subprotocols)) {
    const protocols = raw.subprotocols.flatMap((p, index) => (typeof p === 'string' ? [{ index, name: p }] : []))
    details.push(...duplicateDetails('subprotocols', protocols, ''))
  }
  details.push(...protocolDetails(raw, protocol))
  if (protocol !== undefined || raw.protocol === undefined) details.push(...payloadDetails(raw, protocol))
  for (const { index, name } of queryNames) {
    if (name === REQUEST_BODY) {
      details.push({
        path: `queryParams[${index}].name`,
        message: `'${REQUEST_BODY}' is reserved for the message body.`,
      })
    } else if (boundPathNames.includes(name)) {
      details.push({ path: `queryParams[${index}].name`, message: `'${name}' is also a path parameter; rename one.` })
    }
  }

  if (raw.shared !== undefined && raw.shared !== false && raw.useProxy !== true) {
    details.push({
      path: 'shared',
      message: 'A shared service is shared on the server: set "useProxy": true as well.',
    })
  }
  // The server holds a shared feed's one connection, so it would have to speak the protocol itself
  // (log in, subscribe to the channels); for now it only carries plain WebSocket feeds.
  if (raw.shared !== undefined && raw.shared !== false && raw.protocol !== undefined && raw.protocol !== 'websocket') {
    details.push({
      path: 'shared',
      message: `Only plain WebSocket services ("protocol": "websocket") can be shared, not "${String(raw.protocol)}".`,
    })
  }

  if (template === undefined) return details
  for (const message of template.problems) details.push({ path: 'url', message })
  if (Array.isArray(raw.pathParams)) {
    for (const { index, name } of pathNames) {
      if (!template.placeholders.includes(name)) {
        details.push({
          path: `pathParams[${index}].name`,
          message: `The url has no {${name}} placeholder; add it or remove this parameter.`,
        })
      }
    }
    for (const placeholder of template.placeholders) {
      if (!pathNames.some((p) => p.name === placeholder)) {
        details.push({
          path: 'pathParams',
          message: `Placeholder {${placeholder}} in the url has no path parameter; add { "name": "${placeholder}" }.`,
        })
      }
    }
  }
  return details
}

function fail(details: ErrorDetail[], name: unknown): never {
  const label = typeof name === 'string' && name !== '' ? ` '${name}'` : ''
  const listed = details.slice(0, 10).map((d) => {
    const message = d.message.replace(/\.$/, '')
    return d.path === '' ? message : `${d.path}: ${message}`
  })
  const more = details.length > 10 ? ` (and ${details.length - 10} more)` : ''
  const count = details.length === 1 ? '1 problem' : `${details.length} problems`
  throw new TetherError(
    ErrorCodes.INVALID_SERVICE_DEFINITION,
    `Invalid WebSocket service definition${label}, ${count}: ${listed.join('; ')}${more}`,
    { details },
  )
}

/**
 * Validates a service definition (an object, or the JSON text of a service file) and returns a plain-JSON
 * copy of it. Every problem is reported at once in one TetherError INVALID_SERVICE_DEFINITION.
 */
export function validateServiceDefinition(input: unknown): WebSocketServiceDefinition {
  let raw = input
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      fail(
        [{ path: '', message: `The service file is not valid JSON (${reason}); fix the syntax and load it again.` }],
        undefined,
      )
    }
  }
  const result = definitionSchema.safeParse(raw)
  const record = asRecord(raw)
  const details = [
    ...(result.success ? [] : zodDetails(result.error.issues)),
    ...(record ? crossFieldDetails(record) : []),
  ]
  if (!result.success || details.length > 0) fail(details, record?.name)
  // A JSON copy of the input itself (zod's output would rebuild records and lose a "__proto__" key): what is
  // stored is exactly what a file would hold, undefined optional fields dropped.
  return JSON.parse(JSON.stringify(raw)) as WebSocketServiceDefinition
}
