import type { PageDefinition, ProjectDefinition, VariableDefinition } from '@tether/runtime'
import { type ProjectContents, studioApi } from '../api/studio-api.js'
import { renameInVariables, renameReferences } from './rename-references.js'
import type { Scope } from './variable-draft.js'

/** Where a variable lives. */
export interface VariablePlace {
  name: string
  scope: Scope
  /** The page, for page variables. */
  page: string | null
}

export interface VariableChange extends VariablePlace {
  definition: VariableDefinition
  /** The variable before the edit; null when new. */
  previous: VariablePlace | null
}

/** The files a change touches, edited in memory; written together afterwards. */
interface Files {
  project: ProjectDefinition
  pages: Record<string, PageDefinition>
  changed: Set<string>
}

const PROJECT = '(project)'

function filesOf(contents: ProjectContents): Files {
  return {
    project: {
      ...contents.project,
      variables: { ...contents.project.variables },
    },
    pages: Object.fromEntries(
      Object.entries(contents.pages).map(([name, page]) => [name, { ...page, variables: { ...page.variables } }]),
    ),
    changed: new Set(),
  }
}

function variablesAt(files: Files, place: VariablePlace): Record<string, VariableDefinition> {
  if (place.scope === 'app') return files.project.variables
  const page = place.page === null ? undefined : files.pages[place.page]
  if (!page) throw new Error(`The project has no page "${place.page}".`)
  return page.variables
}

const touch = (files: Files, place: VariablePlace) =>
  files.changed.add(place.scope === 'app' ? PROJECT : (place.page ?? ''))

/**
 * Applies a create/edit/rename/move to the project's files in memory. A rename rewrites bindings
 * (`Variables.old.` → `Variables.new.`) in the variable's page — or, for an app variable, in every page.
 */
export function applyVariableChange(contents: ProjectContents, change: VariableChange): Files {
  const files = filesOf(contents)
  const { previous } = change
  const samePlace = previous && previous.scope === change.scope && previous.page === change.page
  const target = variablesAt(files, change)
  if (previous && samePlace) {
    // Keep the variable's position (variables are created in file order).
    const entries = Object.entries(target).map(([k, v]): [string, VariableDefinition] =>
      k === previous.name ? [change.name, change.definition] : [k, v],
    )
    for (const key of Object.keys(target)) delete target[key]
    Object.assign(target, Object.fromEntries(entries))
  } else {
    if (previous) {
      delete variablesAt(files, previous)[previous.name]
      touch(files, previous)
    }
    target[change.name] = change.definition
  }
  touch(files, change)

  if (previous && previous.name !== change.name) {
    const pages = previous.scope === 'app' ? Object.keys(files.pages) : [previous.page ?? '']
    for (const name of pages) {
      const page = files.pages[name]
      if (!page) continue
      const renamed = renameReferences(page, 'variable', previous.name, change.name)
      if (JSON.stringify(renamed) !== JSON.stringify(page)) {
        files.pages[name] = renamed
        files.changed.add(name)
      }
    }
    if (previous.scope === 'app') {
      files.project.variables = renameInVariables(files.project.variables, 'variable', previous.name, change.name)
      files.changed.add(PROJECT)
    }
  }
  return files
}

export function removeVariable(contents: ProjectContents, place: VariablePlace): Files {
  const files = filesOf(contents)
  delete variablesAt(files, place)[place.name]
  touch(files, place)
  return files
}

/** Writes the touched files: pages first, then the project file (the server validates each). */
export async function writeFiles(project: string, files: Files): Promise<void> {
  for (const name of files.changed) {
    if (name === PROJECT) continue
    const page = files.pages[name]
    if (page) await studioApi.savePage(project, page)
  }
  if (files.changed.has(PROJECT)) await studioApi.saveProjectFile(project, files.project)
}
