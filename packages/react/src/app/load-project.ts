import { type PageDefinition, type ProjectDefinition, validatePage, validateProject } from '@tether/runtime'
import { pageScriptUrl } from './service-url.js'

export interface LoadedProject {
  project: ProjectDefinition
  services: Record<string, Record<string, unknown>>
  pages: Record<string, PageDefinition>
}

/** Fetches `/api/projects/<name>` and validates the project and every page (errors carry paths). */
export async function loadProject(
  name: string,
  fetchImpl: typeof fetch = (i, init) => fetch(i, init),
): Promise<LoadedProject> {
  const response = await fetchImpl(`/api/projects/${encodeURIComponent(name)}`, { credentials: 'same-origin' })
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null
  if (!response.ok || body === null) {
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`
    throw new Error(`Could not load project "${name}": ${message}`)
  }
  const project = validateProject(body.project)
  const pages: Record<string, PageDefinition> = {}
  for (const [pageName, page] of Object.entries((body.pages ?? {}) as Record<string, unknown>)) {
    pages[pageName] = validatePage(page)
  }
  return { project, services: (body.services ?? {}) as Record<string, Record<string, unknown>>, pages }
}

/**
 * Loads a page script module (`./scripts/<name>.js`, from the project's `scripts/` folder under the
 * app's URL); its exported functions become the page's `{ script: 'name' }` handlers.
 */
export async function loadPageScript(script: string): Promise<Record<string, (...args: never[]) => unknown>> {
  const module = (await import(/* @vite-ignore */ pageScriptUrl(script, location))) as Record<string, unknown>
  const handlers: Record<string, (...args: never[]) => unknown> = {}
  for (const [name, value] of Object.entries(module)) if (typeof value === 'function') handlers[name] = value as never
  return handlers
}
