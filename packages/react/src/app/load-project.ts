import type { WebSocketServiceDefinition } from '@tether/core'
import type { PageDefinition, ProjectDefinition } from '@tether/runtime'
import { pageScriptUrl } from './service-url.js'

export interface LoadedProject {
  project: ProjectDefinition
  services: Record<string, WebSocketServiceDefinition>
  pages: Record<string, PageDefinition>
}

/** The project has security enabled and nobody is signed in: the server keeps its files until then. */
export class SignInRequired extends Error {
  constructor(
    /** The app's title for the sign-in form (public: the projects list shows it). */
    readonly title: string,
  ) {
    super(`Sign in to open ${title}.`)
    this.name = 'SignInRequired'
  }
}

/** What anyone may know of a project before signing in: its title and whether it needs a sign-in. */
export interface ProjectListing {
  title: string
  secured: boolean
  /** Some page is open to everyone: the app loads before anyone signs in. */
  welcomesVisitors: boolean
}

/** The project's entry in the public projects list (`/api/projects`), or null when it is not listed. */
export async function projectListing(
  name: string,
  fetchImpl: typeof fetch = (i, init) => fetch(i, init),
): Promise<ProjectListing | null> {
  const response = await fetchImpl('/api/projects', { credentials: 'same-origin' }).catch(() => null)
  const body = (await response?.json().catch(() => null)) as { data?: (ProjectListing & { name: string })[] } | null
  const entry = body?.data?.find((project) => project.name === name)
  return entry
    ? { title: entry.title, secured: entry.secured === true, welcomesVisitors: entry.welcomesVisitors === true }
    : null
}

/**
 * Fetches `/api/projects/<name>`. The server validated every file it sends (project, services, pages,
 * defaults applied), so the app uses them as they are and never loads the validation code (zod). A
 * project with security enabled answers 401 until someone signs in: that throws `SignInRequired`.
 */
export async function loadProject(
  name: string,
  fetchImpl: typeof fetch = (i, init) => fetch(i, init),
): Promise<LoadedProject> {
  const response = await fetchImpl(`/api/projects/${encodeURIComponent(name)}`, { credentials: 'same-origin' })
  if (response.status === 401) throw new SignInRequired((await projectListing(name, fetchImpl))?.title ?? name)
  const body = (await response.json().catch(() => null)) as (LoadedProject & { message?: unknown }) | null
  if (!response.ok || body === null) {
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`
    throw new Error(`Could not load project "${name}": ${message}`)
  }
  return { project: body.project, services: body.services, pages: body.pages }
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
