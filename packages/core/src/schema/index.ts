export { inferSchema } from './infer-schema.js'
export { toAsyncApi } from './to-asyncapi.js'
export type { FieldKind, FieldType, InferredField, InferredKind, InferredSchema, InferSchemaOptions } from './types.js'
