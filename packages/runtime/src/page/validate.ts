import { compileExpression, ErrorCodes, type ErrorDetail, isTetherError, TetherError } from '@tether/core'
import type { z } from 'zod'
import { bindingSource } from './binding-value.js'
import {
  type PageDefinition,
  type ProjectDefinition,
  pageDefinitionSchema,
  projectDefinitionSchema,
  type WidgetNode,
} from './schema.js'

/** `['widgets', 2, 'props', 'dataset']` → `widgets[2].props.dataset`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out
}

function schemaDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
}

/** Compiles every binding string below `value` so syntax errors surface at load time, with their path. */
function checkBindings(value: unknown, path: string, details: ErrorDetail[]): void {
  const source = bindingSource(value)
  if (source !== null) {
    try {
      compileExpression(source)
    } catch (error) {
      details.push({ path, message: isTetherError(error) ? error.message : String(error) })
    }
    return
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkBindings(item, `${path}[${i}]`, details)
  } else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) checkBindings(item, path === '' ? key : `${path}.${key}`, details)
}

function checkWidgets(widgets: WidgetNode[], path: string, seen: Map<string, string>, details: ErrorDetail[]): void {
  widgets.forEach((widget, i) => {
    const at = `${path}[${i}]`
    const previous = seen.get(widget.name)
    if (previous !== undefined)
      details.push({
        path: `${at}.name`,
        message: `"${widget.name}" is already used by ${previous}; names must be unique`,
      })
    else seen.set(widget.name, at)
    checkBindings(widget.props, `${at}.props`, details)
    if (widget.events) checkBindings(widget.events, `${at}.events`, details)
    if (widget.children) checkWidgets(widget.children, `${at}.children`, seen, details)
  })
}

function fail(kind: string, details: ErrorDetail[]): never {
  const first = details[0]
  const summary = first ? `${first.path || '(root)'}: ${first.message}` : 'unknown problem'
  throw new TetherError(
    ErrorCodes.INVALID_PAGE_DEFINITION,
    `The ${kind} definition is invalid (${details.length} problem${details.length === 1 ? '' : 's'}; first: ${summary}). Fix the listed paths and load it again.`,
    { details },
  )
}

function parseJson(input: unknown, kind: string): unknown {
  if (typeof input !== 'string') return input
  try {
    return JSON.parse(input)
  } catch (error) {
    fail(kind, [{ path: '', message: `not valid JSON: ${(error as Error).message}` }])
  }
}

/**
 * Validates a page definition (object or JSON text) and returns it typed, with defaults applied.
 * Throws `TetherError(INVALID_PAGE_DEFINITION)` whose `details` point at each offending path,
 * e.g. `widgets[2].props.dataset`.
 */
export function validatePage(input: unknown): PageDefinition {
  const parsed = pageDefinitionSchema.safeParse(parseJson(input, 'page'))
  if (!parsed.success) fail('page', schemaDetails(parsed.error))
  const details: ErrorDetail[] = []
  checkBindings(parsed.data.variables, 'variables', details)
  checkWidgets(parsed.data.widgets, 'widgets', new Map(), details)
  if (details.length > 0) fail('page', details)
  return parsed.data
}

/** Validates a project file (object or JSON text); same error shape as `validatePage`. */
export function validateProject(input: unknown): ProjectDefinition {
  const parsed = projectDefinitionSchema.safeParse(parseJson(input, 'project'))
  if (!parsed.success) fail('project', schemaDetails(parsed.error))
  const details: ErrorDetail[] = []
  checkBindings(parsed.data.variables, 'variables', details)
  if (!parsed.data.pages.includes(parsed.data.homePage))
    details.push({ path: 'homePage', message: `"${parsed.data.homePage}" is not one of pages` })
  for (const page of Object.keys(parsed.data.security.pages ?? {}))
    if (!parsed.data.pages.includes(page))
      details.push({
        path: `security.pages.${page}`,
        message: `"${page}" is not one of pages: remove its rule or add the page`,
      })
  if (details.length > 0) fail('project', details)
  return parsed.data
}
