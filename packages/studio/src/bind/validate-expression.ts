import { compileExpression } from '@tether/core'

/** What the bind dialog says about the expression being edited. */
export type ExpressionCheck = { ok: true; dependencies: string[] } | { ok: false; message: string }

/** Compiles the expression with core's `compileExpression` (the same parser the runtime uses). */
export function checkExpression(source: string): ExpressionCheck {
  if (source.trim() === '') return { ok: false, message: 'Pick a value on the left or write an expression.' }
  try {
    return { ok: true, dependencies: [...compileExpression(source).dependencies] }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
}

/** Date patterns offered for `toDate` (reference tokens, as in the seed walkthroughs). */
export const DATE_PATTERNS = [
  'hh:mm:ss a',
  'HH:mm:ss',
  'h:mm a',
  'yyyy-MM-dd',
  'MMM d, y',
  'yyyy-MM-dd HH:mm:ss',
  'mediumTime',
  'short',
]

/** Appends a filter to an expression: `x` + `toNumber` → `x | toNumber`. */
export function appendFilter(expression: string, filter: string): string {
  const base = expression.trim()
  return base === '' ? base : `${base} | ${filter}`
}

/** `toDate:'hh:mm:ss a'`, quoting the pattern the way the expression language reads strings. */
export function toDateFilter(pattern: string): string {
  return `toDate:'${pattern.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/** `lookup:Variables.employees.dataSet:'username':'picurl'`. */
export function lookupFilter(variable: string, keyField: string, valueField: string): string {
  const q = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  return `lookup:Variables.${variable}.dataSet:${q(keyField)}:${q(valueField)}`
}
