import type { ProjectContents } from '../api/studio-api.js'

/** One variable as listed: where it lives (app or a page), its kind and what it reads from. */
export interface VariableRow {
  name: string
  scope: 'app' | 'page'
  /** The page name for page variables. */
  page: string | null
  category: string
  /** The service (WebSocket) or entity (CRUD) it uses, when it has one. */
  source: string | null
}

/** App variables first, then each page's, in file order. */
export function listVariables(contents: ProjectContents): VariableRow[] {
  const rows: VariableRow[] = []
  const sourceOf = (definition: Record<string, unknown>) => {
    const source = definition.service ?? definition.entity
    return typeof source === 'string' ? source : null
  }
  for (const [name, definition] of Object.entries(contents.project.variables)) {
    rows.push({ name, scope: 'app', page: null, category: definition.category, source: sourceOf(definition) })
  }
  for (const [pageName, page] of Object.entries(contents.pages)) {
    for (const [name, definition] of Object.entries(page.variables)) {
      rows.push({ name, scope: 'page', page: pageName, category: definition.category, source: sourceOf(definition) })
    }
  }
  return rows
}
