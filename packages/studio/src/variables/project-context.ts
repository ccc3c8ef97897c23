import type { EntityCatalog } from '../api/entities.js'
import type { ProjectContents } from '../api/studio-api.js'
import type { BindingContext } from '../bind/index.js'
import { flattenWidgets } from '../model/widget-tree.js'
import type { EventTargets } from './EventsEditor.js'
import type { Scope } from './variable-draft.js'

const pageOf = (contents: ProjectContents, page: string | null) => (page === null ? undefined : contents.pages[page])
const appVariables = (contents: ProjectContents) => contents.project.variables

/** What the bind dialog lists for a variable of `scope` (an app variable sees no page's widgets). */
export function projectBindingContext(
  contents: ProjectContents,
  scope: Scope,
  page: string | null,
  entities?: EntityCatalog,
): BindingContext {
  const definition = scope === 'page' ? pageOf(contents, page) : undefined
  return {
    pageVariables: definition?.variables ?? {},
    appVariables: appVariables(contents),
    services: contents.services,
    widgets: definition?.widgets ?? [],
    ...(entities ? { entities } : {}),
  }
}

/** Names a variable may not take in its scope. */
export function takenVariableNames(
  contents: ProjectContents,
  scope: Scope,
  page: string | null,
  except: string | null,
): string[] {
  const names =
    scope === 'app' ? Object.keys(appVariables(contents)) : Object.keys(pageOf(contents, page)?.variables ?? {})
  return names.filter((name) => name !== except)
}

/** Choices for event actions: variables, widgets, pages. */
export function eventTargets(contents: ProjectContents, page: string | null): EventTargets {
  const definition = pageOf(contents, page)
  return {
    variables: [...Object.keys(definition?.variables ?? {}), ...Object.keys(appVariables(contents))],
    widgets: flattenWidgets(definition?.widgets ?? []).map((e) => e.node.name),
    pages: Object.keys(contents.pages),
  }
}
