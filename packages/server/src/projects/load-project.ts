import { readdir } from 'node:fs/promises'
import {
  defineWebSocketService,
  IDENTIFIER_RULE,
  isIdentifier,
  isTetherError,
  type WebSocketServiceDefinition,
} from '@tether/core'
import {
  type PageDefinition,
  type ProjectDefinition,
  type SecurityDefinition,
  validatePage,
  validateProject,
  welcomesVisitors,
} from '@tether/runtime'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { ProjectFolder } from './project-folder.js'

/**
 * A Tether project as the browser runtime receives it: the project file, its services and pages, each
 * validated here (defaults applied), so the browser app uses them as they are and loads no validation code.
 */
export interface LoadedProject {
  project: ProjectDefinition
  services: Record<string, WebSocketServiceDefinition>
  pages: Record<string, PageDefinition>
}

/** Project names become folder names: an identifier cannot walk the tree (no dots, no slashes). */
export const isProjectName = isIdentifier

/**
 * Reads `<projectsDir>/<name>/`: `tether.json`, `services/*.service.json`, `pages/*.page.json`.
 * Service files are validated with core's `defineWebSocketService`, so a broken file is reported
 * with its path instead of failing later in the browser.
 */
export async function loadProject(projectsDir: string, name: string): Promise<LoadedProject> {
  const folder = folderOf(projectsDir, name)
  const project = await folder.readProject()
  const check = checker(name)
  const services: Record<string, WebSocketServiceDefinition> = {}
  for (const [serviceName, definition] of Object.entries(await folder.readAll('service'))) {
    services[serviceName] = check(
      `Service "${serviceName}"`,
      () => defineWebSocketService(definition as Parameters<typeof defineWebSocketService>[0]).definition,
    )
  }
  const pages: Record<string, PageDefinition> = {}
  for (const [pageName, page] of Object.entries(await folder.readAll('page'))) {
    pages[pageName] = check(`Page "${pageName}"`, () => validatePage(page))
  }
  const checkedProject = check('The project file', () => validateProject({ ...project, name }))
  return { project: checkedProject, services, pages }
}

function folderOf(projectsDir: string, name: string): ProjectFolder {
  if (!isProjectName(name)) {
    throw new ApiError(
      404,
      ApiErrorCodes.PROJECT_NOT_FOUND,
      `No project named "${name}". Project names are identifiers. ${IDENTIFIER_RULE}`,
    )
  }
  return new ProjectFolder(projectsDir, name)
}

/** Runs a validation, turning its failure into `500 TETHER_PROJECT_INVALID` naming the file. */
function checker(name: string) {
  return <T>(what: string, validate: () => T): T => {
    try {
      return validate()
    } catch (error) {
      throw new ApiError(
        500,
        ApiErrorCodes.PROJECT_INVALID,
        `${what} in project "${name}" is invalid: ${isTetherError(error) ? error.message : String(error)}`,
        isTetherError(error) ? { details: [...error.details] } : {},
      )
    }
  }
}

/** The project's `tether.json` alone, validated (defaults applied): what a sign-in needs of it. */
export async function loadProjectFile(projectsDir: string, name: string): Promise<ProjectDefinition> {
  const project = await folderOf(projectsDir, name).readProject()
  return checker(name)('The project file', () => validateProject({ ...project, name }))
}

/** Lists the projects in `projectsDir` with their titles, for the landing page. */
export async function listProjects(
  projectsDir: string,
): Promise<{ name: string; title: string; description: string; secured: boolean; welcomesVisitors: boolean }[]> {
  let names: string[]
  try {
    names = await readdir(projectsDir)
  } catch {
    return []
  }
  const projects = []
  for (const name of names.filter(isProjectName).sort()) {
    try {
      const file = await new ProjectFolder(projectsDir, name).readProject()
      // `secured` tells the app to ask for a sign-in before it asks for the project's files.
      const security = file.security as SecurityDefinition | undefined
      const secured = security?.enabled === true
      // …unless a page is open to everyone: then the app loads first and asks on the pages that need it.
      const visitors = !secured || welcomesVisitors(security)
      projects.push({
        name,
        title: String(file.title ?? name),
        description: String(file.description ?? ''),
        secured,
        welcomesVisitors: visitors,
      })
    } catch {
      // No tether.json (not a project folder), or a broken one: not listed (opening the project says why).
    }
  }
  return projects
}
