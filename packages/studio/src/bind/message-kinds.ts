import {
  type InferredField,
  inferSchema,
  isIdentifier,
  normalizeChannels,
  type WebSocketServiceDefinition,
} from '@tether/core'

/** One message type of a service, as its samples show it. */
export interface MessageKind {
  value: string
  fields: InferredField[]
}

export interface ServiceMessageKinds {
  /** The field that tells the samples' shapes apart (e.g. `type`), when they differ in shape. */
  discriminator: string | undefined
  kinds: MessageKind[]
}

/** Top-level record fields (no array items: a binding reads one record's property). */
export function recordFields(fields: readonly InferredField[]): InferredField[] {
  return fields.filter((field) => !field.path.includes('[]'))
}

function responsesOf(service: WebSocketServiceDefinition | undefined): unknown[] {
  return service?.samples?.responses ?? []
}

/** The service's message types, from core's inference over its samples (none without samples). */
export function messageKinds(service: WebSocketServiceDefinition | undefined): ServiceMessageKinds {
  const responses = responsesOf(service)
  if (responses.length === 0) return { discriminator: undefined, kinds: [] }
  try {
    const inferred = inferSchema(responses)
    return {
      discriminator: inferred.discriminator,
      kinds: (inferred.kinds ?? []).map((kind) => ({ value: kind.value, fields: recordFields(kind.fields) })),
    }
  } catch {
    return { discriminator: undefined, kinds: [] }
  }
}

function parsed(sample: unknown): unknown {
  if (typeof sample !== 'string') return sample
  try {
    return JSON.parse(sample)
  } catch {
    return sample
  }
}

/**
 * The record fields of the messages routed to `kind` (those whose `field` equals it). When the samples
 * were told apart by that same field, core's per-kind fields are used; otherwise the matching samples
 * are inferred on their own (the inferred discriminator may be another field, or none).
 */
export function kindFields(
  service: WebSocketServiceDefinition | undefined,
  field: string,
  kind: string,
): InferredField[] {
  const inferred = messageKinds(service)
  if (inferred.discriminator === field) return inferred.kinds.find((k) => k.value === kind)?.fields ?? []
  const matching = responsesOf(service)
    .map(parsed)
    .filter((sample) => {
      if (typeof sample !== 'object' || sample === null) return false
      const value = (sample as Record<string, unknown>)[field]
      return (
        (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && String(value) === kind
      )
    })
  if (matching.length === 0) return []
  try {
    return recordFields(inferSchema(matching).fields)
  } catch {
    return []
  }
}

/** The record fields of one channel of a protocol service (its dataset), from the channel's samples. */
export function channelFields(service: WebSocketServiceDefinition | undefined, channel: string): InferredField[] {
  const samples = normalizeChannels(service?.channels).find((c) => c.name === channel)?.samples ?? []
  if (samples.length === 0) return []
  try {
    return recordFields(inferSchema(samples).fields)
  } catch {
    return []
  }
}

/**
 * How a binding reads routed dataset `kind`: `.trade` for identifiers, `['price-update']` otherwise
 * (the expression language reads any key through brackets).
 */
export function routedDatasetExpression(variable: string, kind: string): string {
  const root = `Variables.${variable}.datasets`
  const quoted = kind.replace(/\\/g, '\\\\').replace(/'/g, "\\'")
  return isIdentifier(kind) ? `${root}.${kind}` : `${root}['${quoted}']`
}
