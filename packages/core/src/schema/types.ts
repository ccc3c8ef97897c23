/** What a field holds, in the words shown next to it when binding (e.g. `time: timestamp (epoch ms)`). */
export type FieldKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'null'
  | 'object'
  | 'array'
  | 'timestamp (epoch ms)'
  | 'timestamp (ISO 8601)'
  | 'date (ISO 8601)'
  | 'unknown'

/** One kind, or several joined by ` | ` when samples disagree (e.g. `integer | string`). */
export type FieldType = FieldKind | `${FieldKind} | ${string}`

/** One bindable field. Paths use `.` for properties and `[]` for array items: `user.name`, `items[].id`. */
export interface InferredField {
  path: string
  type: FieldType
  /** Missing from some of the samples (or array items) that had the parent. */
  optional: boolean
  /** Null in at least one sample. */
  nullable: boolean
  /** Units, formats, allowed values or an example, e.g. `epoch ms` or `e.g. "hello"`. */
  description: string
}

/** One message shape of a discriminated stream, e.g. all messages with `type: 'join'`. */
export interface InferredKind {
  value: string
  fields: InferredField[]
  jsonSchema: Record<string, unknown>
}

export interface InferredSchema {
  /** JSON Schema 2020-12 (`$schema` set) that every sample validates against. */
  jsonSchema: Record<string, unknown>
  fields: InferredField[]
  /** A TypeScript declaration of the messages, e.g. `export interface HeartrateMessage { … }`. */
  typescript: string
  /** The field whose value tells message shapes apart, when the samples have one. */
  discriminator?: string
  kinds?: InferredKind[]
}

export interface InferSchemaOptions {
  /** Names the TypeScript declaration and the schema title (`heartrate` → `HeartrateMessage`). Defaults to `Message`. */
  name?: string
}
