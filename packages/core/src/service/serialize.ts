import type { WebSocketServiceDefinition } from './types.js'

/** The order fields appear in saved files: identity first, connection next, bulky samples and schema last. */
const DEFINITION_KEYS = [
  'name',
  'description',
  'url',
  'protocol',
  'protocolOptions',
  'useProxy',
  'shared',
  'subprotocols',
  'queryParams',
  'pathParams',
  'requestBody',
  'channels',
  'payloadFormat',
  'protobuf',
  'samples',
  'schema',
] as const
const QUERY_PARAM_KEYS = ['name', 'required', 'default', 'description'] as const
const PATH_PARAM_KEYS = ['name', 'default', 'description'] as const
const SAMPLES_KEYS = ['request', 'responses'] as const

function pick<T extends object>(source: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const record = source as Record<string, unknown>
  for (const key of keys) if (record[key] !== undefined) out[key] = record[key]
  return out
}

/**
 * A service definition as the text of a service file: 2-space indented JSON, a fixed key order (so saving
 * twice gives the same bytes and diffs stay small) and a trailing newline. Samples and schema keep their own
 * key order. The definition is expected to be valid (see defineWebSocketService).
 */
export function serializeServiceDefinition(definition: WebSocketServiceDefinition): string {
  const ordered = pick(definition, DEFINITION_KEYS)
  if (definition.queryParams) ordered.queryParams = definition.queryParams.map((p) => pick(p, QUERY_PARAM_KEYS))
  if (definition.pathParams) ordered.pathParams = definition.pathParams.map((p) => pick(p, PATH_PARAM_KEYS))
  if (definition.samples) ordered.samples = pick(definition.samples, SAMPLES_KEYS)
  return `${JSON.stringify(ordered, null, 2)}\n`
}
