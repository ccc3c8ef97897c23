import { BINDING_PREFIX } from '@tether/core'

export { BINDING_PREFIX }

/**
 * The expression text of a binding string (`"bind:Variables.x.dataSet"` → `Variables.x.dataSet`), or
 * null for a literal. Same rule as core's `parseBindingValue`, without compiling, so callers can
 * cache and report compile errors themselves.
 */
export function bindingSource(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith(BINDING_PREFIX)) return null
  return value.slice(BINDING_PREFIX.length).trim()
}
