import {
  defineWebSocketService,
  inferSchema,
  isTetherError,
  type PathParamDefinition,
  type QueryParamDefinition,
  type WebSocketServiceDefinition,
} from '@tether/core'
import { splitPath } from './path-params.js'
import {
  definitionToPayloadDraft,
  emptyPayloadDraft,
  type PayloadDraft,
  payloadDraftToDefinition,
} from './payload-draft.js'
import {
  definitionToProtocolDraft,
  emptyProtocolDraft,
  type ProtocolDraft,
  protocolDraftProblems,
  protocolDraftToDefinition,
} from './protocol-draft.js'

/** RFC 9110 token: what an HTTP header name may contain. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** A header the proxy adds server-side. Values are write-only: stored ones come back as names only. */
export interface HeaderRow {
  name: string
  /** The new value typed in; empty for a stored header that keeps its value (the server merges). */
  value: string
  /** Already saved on the server (its value is never shown). */
  stored: boolean
}

/** What the service form edits; turned into a service definition on save. */
export interface ServiceDraft {
  name: string
  url: string
  /** What the service speaks, its options, channels and broker password. */
  protocol: ProtocolDraft
  description: string
  queryParams: QueryParamDefinition[]
  pathParams: PathParamDefinition[]
  /** The RequestBody template: sent by every app on connect. */
  requestBody: string
  /**
   * The request sent while testing (saved as `samples.request`, documentation only). It becomes the
   * RequestBody only when the user says so: a test message must not be posted by every app.
   */
  sampleRequest: string
  /** Comma- or space-separated, as typed. */
  subprotocols: string
  useProxy: boolean
  /** A shared feed: one upstream connection on the server for every viewer. Bounds set in the file are kept. */
  shared: NonNullable<WebSocketServiceDefinition['shared']>
  /** Sample messages received (or typed) during the test; the schema is inferred from them. */
  samples: unknown[]
  headers: HeaderRow[]
  /** How messages are encoded (JSON, MessagePack, CBOR, Protocol Buffers with its .proto). */
  payload: PayloadDraft
}

/** Problems by field path (`name`, `url`, `queryParams[1].name`…), as core reports them. */
export type DraftProblems = Record<string, string[]>

export const emptyDraft = (url = ''): ServiceDraft => ({
  name: '',
  url,
  protocol: emptyProtocolDraft(),
  description: '',
  queryParams: [],
  pathParams: [],
  requestBody: '',
  sampleRequest: '',
  subprotocols: '',
  useProxy: false,
  shared: false,
  samples: [],
  headers: [],
  payload: emptyPayloadDraft(),
})

/** The form of a saved definition; `stored` names the secrets the server keeps for it. */
export function definitionToDraft(
  definition: WebSocketServiceDefinition,
  stored: { headers?: readonly string[]; credentials?: readonly string[] } = {},
): ServiceDraft {
  return {
    name: definition.name,
    url: definition.url,
    protocol: definitionToProtocolDraft(definition, stored.credentials?.includes('password') === true),
    description: definition.description ?? '',
    queryParams: definition.queryParams ? [...definition.queryParams] : [],
    pathParams: definition.pathParams ? [...definition.pathParams] : [],
    requestBody: definition.requestBody ?? '',
    sampleRequest: definition.samples?.request ?? '',
    subprotocols: (definition.subprotocols ?? []).join(', '),
    useProxy: definition.useProxy === true,
    shared: definition.shared ?? false,
    samples: definition.samples?.responses ? [...definition.samples.responses] : [],
    headers: (stored.headers ?? []).map((name) => ({ name, value: '', stored: true })),
    payload: definitionToPayloadDraft(definition),
  }
}

/** A name for a service from its URL's last path segment: `ws://h/websocket/heartrate` → `heartrate`. */
export function suggestServiceName(url: string, taken: readonly string[]): string {
  const last = [...splitPath(url).segments].reverse().find((s) => s.param === null && s.text !== '')
  let name = (last?.text ?? 'service').replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1')
  if (name === '') name = 'service'
  let candidate = name
  for (let n = 2; taken.includes(candidate); n++) candidate = `${name}${n}`
  return candidate
}

/** The path parameters the URL's placeholders need, keeping defaults and descriptions already entered. */
export function syncPathParams(url: string, params: readonly PathParamDefinition[]): PathParamDefinition[] {
  const names = [...new Set(splitPath(url).segments.flatMap((s) => (s.param ? [s.param] : [])))]
  return names.map((name) => params.find((p) => p.name === name) ?? { name })
}

const nonEmpty = (text: string) => (text.trim() === '' ? undefined : text)

/** The definition a draft saves as; optional fields are left out when empty so files stay small. */
export function draftToDefinition(draft: ServiceDraft): WebSocketServiceDefinition {
  const subprotocols = draft.subprotocols.split(/[\s,]+/).filter((p) => p !== '')
  const pathParams = syncPathParams(draft.url, draft.pathParams)
  const definition: WebSocketServiceDefinition = {
    name: draft.name.trim(),
    url: draft.url.trim(),
    ...protocolDraftToDefinition(draft.protocol),
    ...payloadDraftToDefinition(draft.payload),
  }
  const description = nonEmpty(draft.description)
  if (description) definition.description = description
  if (draft.queryParams.length > 0) definition.queryParams = draft.queryParams.map(cleanParam)
  if (pathParams.length > 0) definition.pathParams = pathParams.map(cleanParam)
  if (nonEmpty(draft.requestBody)) definition.requestBody = draft.requestBody
  if (subprotocols.length > 0) definition.subprotocols = subprotocols
  if (draft.useProxy) definition.useProxy = true
  if (draft.shared !== false) definition.shared = draft.shared
  if (draft.samples.length > 0) {
    definition.samples = { responses: draft.samples }
    const request = nonEmpty(draft.sampleRequest) ?? nonEmpty(draft.requestBody)
    if (request) definition.samples.request = request
    definition.schema = inferSchema(draft.samples, { name: definition.name || 'Message' }).jsonSchema
  }
  return definition
}

/** Drops empty optional strings and `required: false` from a parameter row. */
function cleanParam<T extends { name: string; default?: string; description?: string; required?: boolean }>(row: T): T {
  const out = { ...row, name: row.name.trim() }
  if (out.default === '') delete out.default
  if (out.description === '') delete out.description
  if (out.required === false) delete out.required
  return out
}

/** Checks a draft with core's `defineWebSocketService` plus project rules (unique name, header rows). */
export function validateDraft(draft: ServiceDraft, takenNames: readonly string[]): DraftProblems {
  const problems: DraftProblems = {}
  const add = (path: string, message: string) => {
    problems[path] = [...(problems[path] ?? []), message]
  }
  try {
    defineWebSocketService(draftToDefinition(draft))
  } catch (error) {
    if (!isTetherError(error)) throw error
    for (const detail of error.details) add(detail.path === '' ? 'name' : detail.path, detail.message)
  }
  for (const [path, messages] of Object.entries(protocolDraftProblems(draft.protocol, draft.useProxy)))
    for (const message of messages) add(path, message)
  if (takenNames.includes(draft.name.trim())) add('name', `The project already has a service named '${draft.name}'.`)
  // The secrets endpoint merges: a stored header left empty keeps its value, so nothing is retyped.
  const seen = new Set<string>()
  draft.headers.forEach((header, index) => {
    const key = header.name.toLowerCase()
    if (!HEADER_NAME.test(header.name)) add(`headers[${index}].name`, 'Enter a header name, e.g. Authorization.')
    else if (seen.has(key))
      add(`headers[${index}].name`, `"${header.name}" is already in the list (names ignore case).`)
    else if (!header.stored && header.value === '')
      add(`headers[${index}].value`, 'Enter the value the proxy should send.')
    seen.add(key)
  })
  return problems
}

/** The draft as it may be kept in the browser's storage: secret values (header values, a password) blanked. */
export function withoutSecretValues(draft: ServiceDraft): ServiceDraft {
  return {
    ...draft,
    headers: draft.headers.map((h) => ({ ...h, value: '' })),
    protocol: { ...draft.protocol, password: { ...draft.protocol.password, value: '' } },
  }
}

/** A header was added, removed or given a new value. */
export function secretsChanged(draft: ServiceDraft, storedNames: readonly string[]): boolean {
  return (
    draft.headers.some((h) => h.value !== '' || !h.stored) ||
    storedNames.some((name) => !draft.headers.some((h) => h.stored && h.name === name))
  )
}

/**
 * The changes to PUT to the secrets endpoint, which merges them: a value sets a header, `null` removes a
 * stored one, and a stored header left empty is omitted so it keeps its value. Null when nothing changed.
 */
export function secretsToSave(
  draft: ServiceDraft,
  storedNames: readonly string[],
): Record<string, string | null> | null {
  if (!secretsChanged(draft, storedNames)) return null
  const changes: Record<string, string | null> = {}
  for (const name of storedNames) if (!draft.headers.some((h) => h.stored && h.name === name)) changes[name] = null
  for (const header of draft.headers) {
    if (header.value === '') continue
    // A removed header typed again under another spelling is one header to the server: just set it.
    for (const name of Object.keys(changes))
      if (changes[name] === null && name.toLowerCase() === header.name.toLowerCase()) delete changes[name]
    changes[header.name] = header.value
  }
  return changes
}
