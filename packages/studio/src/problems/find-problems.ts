import type { PageDefinition, VariableDefinition } from '@tether/runtime'
import type { EntityMetadata } from '../api/entities.js'
import type { ProjectContents } from '../api/studio-api.js'
import { checkExpression } from '../bind/validate-expression.js'
import { findSecurityProblems } from '../security/index.js'
import { scriptProblems } from './script-problems.js'

/** Where a problem is fixed: a section of the studio and the path inside it. */
export interface FixPlace {
  section: 'services' | 'variables' | 'pages' | 'security'
  path: string[]
}

/** Something in the project that will not work when it runs, and where to fix it. */
export interface Problem {
  message: string
  fix: FixPlace
}

interface WidgetNode {
  name: string
  props: Record<string, unknown>
  children?: WidgetNode[] | undefined
}

const BIND = 'bind:'
const fixPage = (page: string): FixPlace => ({ section: 'pages', path: [page] })
const fixVariable = (page: string | null): FixPlace =>
  page === null ? { section: 'variables', path: [] } : fixPage(page)
const where = (page: string | null) => (page === null ? 'app variable' : `variable on page ${page}`)

function* widgets(nodes: readonly WidgetNode[]): Generator<WidgetNode> {
  for (const node of nodes) {
    yield node
    yield* widgets(node.children ?? [])
  }
}

/** Problems of one bound value (`bind:…`): it does not parse, or names a variable or widget that does not exist. */
function bindingProblems(
  value: unknown,
  what: string,
  known: { variables: ReadonlySet<string>; widgets: ReadonlySet<string> },
): string[] {
  if (typeof value !== 'string' || !value.startsWith(BIND)) return []
  const check = checkExpression(value.slice(BIND.length))
  if (!check.ok) return [`${what} does not parse: ${check.message}`]
  const problems: string[] = []
  for (const dependency of check.dependencies) {
    const [root, name] = dependency.split('.')
    if (name === undefined) continue
    if (root === 'Variables' && !known.variables.has(name))
      problems.push(`${what} reads the variable "${name}", which does not exist.`)
    if (root === 'Widgets' && !known.widgets.has(name))
      problems.push(`${what} reads the widget "${name}", which is not on the page.`)
  }
  return [...new Set(problems)]
}

function variableProblems(
  name: string,
  definition: VariableDefinition,
  page: string | null,
  contents: ProjectContents,
  known: { variables: ReadonlySet<string>; widgets: ReadonlySet<string> },
): Problem[] {
  const fix = fixVariable(page)
  const problems: Problem[] = []
  if (definition.category === 'websocket') {
    if (!contents.services[definition.service])
      problems.push({
        message: `The ${where(page)} "${name}" uses the service "${definition.service}", which the project does not have.`,
        fix,
      })
    if (definition.onNewData === 'upsert' && !definition.keyField)
      problems.push({
        message: `The ${where(page)} "${name}" adds records by key (upsert) but names no key field.`,
        fix,
      })
  }
  const inputs = definition.category === 'websocket' ? definition.dataBinding : undefined
  for (const [input, value] of Object.entries(inputs ?? {}))
    for (const message of bindingProblems(value, `The ${where(page)} "${name}": its input "${input}"`, known))
      problems.push({ message, fix })
  return problems
}

/**
 * Everything in the project that is broken before it runs: variables using a service the project does
 * not have, upserts without a key field, bindings that do not parse or read a missing variable or
 * widget, script actions naming a handler the page's script does not export, security that locks users
 * out (`entities`, the server's catalog, when loaded). Each comes with the place to fix it.
 */
export function findProblems(contents: ProjectContents, entities: readonly EntityMetadata[] = []): Problem[] {
  const appVariables = Object.keys(contents.project.variables ?? {})
  const problems: Problem[] = []
  const appKnown = { variables: new Set(['loggedInUser', ...appVariables]), widgets: new Set<string>() }
  for (const [name, definition] of Object.entries(contents.project.variables ?? {}))
    problems.push(...variableProblems(name, definition, null, contents, appKnown))
  for (const [pageName, page] of Object.entries(contents.pages) as [string, PageDefinition][]) {
    const nodes = [...widgets(page.widgets as WidgetNode[])]
    const known = {
      variables: new Set([...appKnown.variables, ...Object.keys(page.variables ?? {})]),
      widgets: new Set(nodes.map((node) => node.name)),
    }
    for (const [name, definition] of Object.entries(page.variables ?? {}))
      problems.push(...variableProblems(name, definition, pageName, contents, known))
    for (const node of nodes) {
      for (const [prop, value] of Object.entries(node.props)) {
        const what = `The widget "${node.name}" on page ${pageName}: its ${prop}`
        for (const message of bindingProblems(value, what, known)) problems.push({ message, fix: fixPage(pageName) })
      }
    }
    for (const message of scriptProblems(page, contents.scripts ?? {}))
      problems.push({ message, fix: fixPage(pageName) })
  }
  for (const message of findSecurityProblems(contents, entities))
    problems.push({ message, fix: { section: 'security', path: [] } })
  return problems
}

/** The variables (app and page) that use `service`, described for a question before deleting it. */
export function usersOfService(contents: ProjectContents, service: string): string[] {
  const users: string[] = []
  const uses = (definition: VariableDefinition) => definition.category === 'websocket' && definition.service === service
  for (const [name, definition] of Object.entries(contents.project.variables ?? {}))
    if (uses(definition)) users.push(`the app variable ${name}`)
  for (const [pageName, page] of Object.entries(contents.pages))
    for (const [name, definition] of Object.entries(page.variables ?? {}))
      if (uses(definition)) users.push(`the variable ${name} on page ${pageName}`)
  return users
}

/** The variables a bound value (`bind:…`) reads; none when it is not a binding or does not parse. */
function variablesRead(value: unknown): string[] {
  if (typeof value !== 'string' || !value.startsWith(BIND)) return []
  const check = checkExpression(value.slice(BIND.length))
  if (!check.ok) return []
  return check.dependencies.flatMap((dependency) => {
    const [root, name] = dependency.split('.')
    return root === 'Variables' && name !== undefined ? [name] : []
  })
}

/**
 * What reads the variable `name` (a page variable of `page`, or an app variable when `page` is null):
 * widgets and other variables' inputs on the pages that see it, described for a question before
 * deleting it.
 */
export function usersOfVariable(pages: Record<string, PageDefinition>, name: string, page: string | null): string[] {
  const users: string[] = []
  for (const [pageName, definition] of Object.entries(pages)) {
    // A page variable is seen on its page only; an app variable wherever no page variable hides it.
    if (page !== null ? pageName !== page : Object.hasOwn(definition.variables ?? {}, name)) continue
    for (const node of widgets(definition.widgets as WidgetNode[]))
      if (Object.values(node.props).some((value) => variablesRead(value).includes(name)))
        users.push(`the widget ${node.name} on page ${pageName}`)
    for (const [other, variable] of Object.entries(definition.variables ?? {})) {
      const inputs = variable.category === 'websocket' ? (variable.dataBinding ?? {}) : {}
      if (other !== name && Object.values(inputs).some((value) => variablesRead(value).includes(name)))
        users.push(`the variable ${other} on page ${pageName}`)
    }
  }
  return users
}
