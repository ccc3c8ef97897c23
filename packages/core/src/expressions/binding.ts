import { type CompiledExpression, compileExpression } from './compile.js'

/** The prefix page files use to mark a property value as a binding (WaveMaker style). */
export const BINDING_PREFIX = 'bind:'

export type BindingValue = { kind: 'literal'; value: unknown } | { kind: 'binding'; expression: CompiledExpression }

/**
 * Reads a widget or variable property from a page file: a string starting with `bind:` is an expression
 * (`"bind:Variables.heartratevariable.lastRecord.value"`), anything else is a literal value. A literal text
 * that must itself start with "bind:" is written as a binding of a string: `"bind:'bind:…'"`.
 * Throws TetherError EXPRESSION_SYNTAX when the expression does not parse.
 */
export function parseBindingValue(value: unknown): BindingValue {
  if (typeof value !== 'string' || !value.startsWith(BINDING_PREFIX)) return { kind: 'literal', value }
  return { kind: 'binding', expression: compileExpression(value.slice(BINDING_PREFIX.length).trim()) }
}
