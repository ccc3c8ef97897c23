import { type EventHandlers, type PageDefinition, scriptFileOf } from '@tether/runtime'
import type { ScriptSummary } from '../api/project-contents.js'

interface EventsOwner {
  name: string
  events?: EventHandlers | undefined
  children?: EventsOwner[] | undefined
}

function* owners(nodes: readonly EventsOwner[]): Generator<EventsOwner> {
  for (const node of nodes) {
    yield node
    yield* owners(node.children ?? [])
  }
}

/** Each `{ script }` action of a page, described by what fires it: "The widget "send": its onClick". */
function* scriptActions(page: PageDefinition): Generator<{ what: string; handler: string }> {
  const sources: [string, EventsOwner][] = [
    ...Object.entries(page.variables).map(([name, v]): [string, EventsOwner] => [
      `The variable "${name}"`,
      { name, events: 'events' in v ? v.events : undefined },
    ]),
    ...[...owners(page.widgets as EventsOwner[])].map((node): [string, EventsOwner] => [
      `The widget "${node.name}"`,
      node,
    ]),
  ]
  for (const [what, owner] of sources)
    for (const [event, actions] of Object.entries(owner.events ?? {}))
      for (const action of actions)
        if ('script' in action) yield { what: `${what} on page ${page.name}: its ${event}`, handler: action.script }
}

/**
 * What will fail when a page's handlers run: an action naming a handler while the page has no script,
 * the script file is missing or does not parse, or it does not export that handler.
 */
export function scriptProblems(page: PageDefinition, scripts: Record<string, ScriptSummary>): string[] {
  const file = page.script === undefined ? null : scriptFileOf(page.script)
  const summary = file === null ? undefined : scripts[file]
  const problems: string[] = []
  if (file !== null && summary && 'error' in summary) {
    const { line, column, message } = summary.error
    problems.push(
      `The script ${file} of page ${page.name} has a syntax error at line ${line}, column ${column}: ${message}.`,
    )
  }
  for (const { what, handler } of scriptActions(page)) {
    if (file === null) problems.push(`${what} runs the handler "${handler}", but the page has no script.`)
    else if (!summary || 'missing' in summary)
      problems.push(`${what} runs the handler "${handler}", but ${file} does not exist yet.`)
    else if ('handlers' in summary && !summary.handlers.includes(handler))
      problems.push(`${what} runs the handler "${handler}", which ${file} does not export.`)
  }
  return problems
}
