import type { Action, PageDefinition, VariableDefinition, WidgetNode } from '@tether/runtime'

/**
 * Renaming a variable or a widget rewrites what refers to it, so the page keeps working:
 * binding strings (`bind:Variables.old.dataSet` → `bind:Variables.new.dataSet`, also inside filters
 * such as `lookup:Variables.old.dataSet:…`), actions (`{ call: 'old.send' }`, `{ setWidget: 'old' }`)
 * and the ConnectionStatus `variable` property.
 */
export type RenameKind = 'variable' | 'widget'

const ROOT: Record<RenameKind, string> = { variable: 'Variables', widget: 'Widgets' }
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function renameInBinding(text: string, kind: RenameKind, from: string, to: string): string {
  if (!text.startsWith('bind:')) return text
  // Not preceded by an identifier character or a dot (so `x.Variables.old` is left alone), and the
  // name must end there (`Variables.oldest` is another variable).
  const pattern = new RegExp(`(?<![A-Za-z0-9_$.])${ROOT[kind]}\\.${escapeRegExp(from)}(?![A-Za-z0-9_$])`, 'g')
  return text.replace(pattern, `${ROOT[kind]}.${to}`)
}

/** Rewrites every binding string below `value`. */
export function renameInValue(value: unknown, kind: RenameKind, from: string, to: string): unknown {
  if (typeof value === 'string') return renameInBinding(value, kind, from, to)
  if (Array.isArray(value)) return value.map((item) => renameInValue(item, kind, from, to))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) out[key] = renameInValue(item, kind, from, to)
    return out
  }
  return value
}

function renameAction(action: Action, kind: RenameKind, from: string, to: string): Action {
  if (kind === 'variable' && 'call' in action) {
    const [variable, method] = action.call.split('.')
    return variable === from ? { call: `${to}.${method}` } : action
  }
  if (kind === 'widget' && 'setWidget' in action && action.setWidget === from) {
    return { ...action, setWidget: to, value: renameInValue(action.value, kind, from, to) }
  }
  return renameInValue(action, kind, from, to) as Action
}

type Events = Record<string, Action[]> | undefined

function renameEvents(events: Events, kind: RenameKind, from: string, to: string): Events {
  if (!events) return events
  const out: Record<string, Action[]> = {}
  for (const [event, actions] of Object.entries(events))
    out[event] = actions.map((a) => renameAction(a, kind, from, to))
  return out
}

function renameWidget(node: WidgetNode, kind: RenameKind, from: string, to: string): WidgetNode {
  const props = renameInValue(node.props, kind, from, to) as Record<string, unknown>
  if (kind === 'variable' && node.type === 'ConnectionStatus' && props.variable === from) props.variable = to
  const next: WidgetNode = { ...node, props }
  if (kind === 'widget' && node.name === from) next.name = to
  if (node.children) next.children = node.children.map((child) => renameWidget(child, kind, from, to))
  if (node.events) next.events = renameEvents(node.events, kind, from, to)
  return next
}

/** The variables with their bindings and event actions rewritten (the definitions' keys are kept). */
export function renameInVariables(
  variables: Record<string, VariableDefinition>,
  kind: RenameKind,
  from: string,
  to: string,
): Record<string, VariableDefinition> {
  const out: Record<string, VariableDefinition> = {}
  for (const [name, definition] of Object.entries(variables)) {
    const next = renameInValue(definition, kind, from, to) as VariableDefinition
    if (next.category !== 'static' && definition.category !== 'static' && definition.events)
      next.events = renameEvents(definition.events, kind, from, to)
    out[name] = next
  }
  return out
}

/** The page with every reference to the variable or widget `from` now naming `to`. */
export function renameReferences(page: PageDefinition, kind: RenameKind, from: string, to: string): PageDefinition {
  return {
    ...page,
    variables: renameInVariables(page.variables, kind, from, to),
    widgets: page.widgets.map((node) => renameWidget(node, kind, from, to)),
  }
}
