import { defineWebSocketService, isTetherError, TetherError, type WebSocketServiceDefinition } from '@tether/core'
import { type PageDefinition, type ProjectDefinition, validatePage, validateProject } from '@tether/runtime'

/** What the server found in a page script file: its handlers (named exports), a syntax error, or no file. */
export type ScriptSummary =
  | { handlers: string[] }
  | { error: { message: string; line: number; column: number } }
  | { missing: true }

/** Everything the studio shows of one project, its files checked with the runtime's schemas. */
export interface ProjectContents {
  project: ProjectDefinition
  services: Record<string, WebSocketServiceDefinition>
  pages: Record<string, PageDefinition>
  mocks: string[]
  /** Each page's script file (`scripts/main.js`) as the server read it. */
  scripts: Record<string, ScriptSummary>
}

/** The project as the server reads it from disk: its files are checked here, on arrival. */
export interface ProjectContentsBody extends Omit<ProjectContents, 'project' | 'services' | 'pages' | 'scripts'> {
  scripts?: Record<string, ScriptSummary>
  project: unknown
  services: Record<string, unknown>
  pages: Record<string, unknown>
}

/**
 * Validates the project file, every service and every page (defaults applied), so the studio edits the
 * same shapes the runtime runs (the canvas's runtime trusts them); a file broken by hand is reported with
 * its name and the paths at fault.
 */
export function checkProjectContents(body: ProjectContentsBody): ProjectContents {
  const pages: Record<string, PageDefinition> = {}
  for (const [name, page] of Object.entries(body.pages))
    pages[name] = inFile(`pages/${name}.page.json`, page, validatePage)
  const services: Record<string, WebSocketServiceDefinition> = {}
  for (const [name, service] of Object.entries(body.services))
    services[name] = inFile(
      `services/${name}.service.json`,
      service,
      (input) => defineWebSocketService(input as WebSocketServiceDefinition).definition,
    )
  return {
    ...body,
    project: inFile('tether.json', body.project, validateProject),
    services,
    pages,
    scripts: body.scripts ?? {},
  }
}

function inFile<T>(file: string, input: unknown, validate: (input: unknown) => T): T {
  try {
    return validate(input)
  } catch (error) {
    if (!isTetherError(error)) throw error
    throw new TetherError(error.code, `${file}: ${error.message}`, { details: [...error.details], cause: error })
  }
}
