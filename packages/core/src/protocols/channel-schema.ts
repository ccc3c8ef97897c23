import * as z from 'zod'

const str = (field: string) => z.string({ error: `${field} must be a string.` })

/** Fields every channel object may have, whatever the protocol. */
const common = {
  description: str('description').optional(),
  samples: z.array(z.unknown(), { error: 'samples must be an array of sample messages.' }).optional(),
  schema: z.record(z.string(), z.unknown(), { error: 'schema must be a JSON Schema object.' }).optional(),
}

/**
 * The schema of one channel object of a protocol: its name (checked by `name`), the common fields, and
 * the protocol's own fields (`extra`). A channel written as its name alone is checked as `{ name }`.
 */
export function channelSchema(name: z.ZodType<string>, extra: z.core.$ZodShape = {}) {
  return z.strictObject(
    { name, ...common, ...extra },
    { error: 'A channel must be an object like { "name": "tick" } or its name alone.' },
  )
}

/** A channel name: a non-empty string without line breaks or NUL (they would split a frame or a header). */
export const channelName = (what: string, example: string) =>
  z
    .string({ error: `A channel is ${what}, e.g. "${example}".` })
    .min(1, { error: `Give the channel a name: ${what}, e.g. "${example}".` })
    .regex(/^[^\r\n\0]*$/, { error: 'A channel name must not contain line breaks or NUL.' })

/** Header names and values as STOMP and HTTP carry them: one line each. */
export const headerRecord = (field: string) =>
  z.record(
    z.string().regex(/^[^\r\n\0:]+$/, { error: `${field}: a header name must be one line without ':'.` }),
    z.string({ error: `${field}: a header value must be a string.` }).regex(/^[^\r\n\0]*$/, {
      error: `${field}: a header value must be one line.`,
    }),
    { error: `${field} must be an object of header names and string values.` },
  )

/** Free-form JSON objects (auth payloads, connection params, variables); JSON-ness is checked with the definition. */
export const jsonObject = (field: string) => z.record(z.string(), z.unknown(), { error: `${field} must be an object.` })
