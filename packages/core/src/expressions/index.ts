// The expression language's only door: everything else in this folder is internal.

export type { BindingValue } from './binding.js'
export { BINDING_PREFIX, parseBindingValue } from './binding.js'
export type { CompiledExpression, ExpressionScope } from './compile.js'
export { compileExpression, evaluateExpression } from './compile.js'
export { formatDate } from './format-date.js'
export {
  EXPRESSION_CACHE_SIZE,
  MAX_EVALUATION_STEPS,
  MAX_EXPRESSION_LENGTH,
  MAX_NESTING_DEPTH,
} from './limits.js'
