import { MAX_SCRIPT_BYTES } from '@tether/runtime'
import { parsePageScript, type ScriptSyntaxError } from '@tether/runtime/page-script'
import type { FastifyPluginAsync } from 'fastify'
import { requireRole } from '../auth/index.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { ProjectFolder } from '../projects/index.js'

export interface ScriptRoutesOptions {
  projectsDir: string
}

/** What the studio knows of a page script without its text: its handlers, why it fails to parse, or that it is missing. */
export type ScriptSummary = { handlers: string[] } | { error: ScriptSyntaxError } | { missing: true }

/** The summary of each script file named (`scripts/main.js`), for the studio's problems list. */
export async function summarizeScripts(folder: ProjectFolder, paths: Iterable<string>) {
  const summaries: Record<string, ScriptSummary> = {}
  for (const path of new Set(paths)) {
    const source = await folder.readScript(path).catch(() => null)
    if (source === null) summaries[path] = { missing: true }
    else {
      const parsed = parsePageScript(source)
      summaries[path] = parsed.ok ? { handlers: parsed.handlers } : { error: parsed.error }
    }
  }
  return summaries
}

type ScriptParams = { project: string; '*': string }

/**
 * Read and write a project's page scripts (`scripts/<name>.js`) from the studio. Scripts run in every
 * visitor's browser, so writing one needs the admin role even if the studio's API ever opens to other
 * roles. A script is parsed (never run) before it is written, atomically; one that does not parse is
 * refused whole with `TETHER_SCRIPT_SYNTAX_ERROR` and its line and column.
 */
export const scriptRoutes: FastifyPluginAsync<ScriptRoutesOptions> = async (app, { projectsDir }) => {
  app.addHook('onRequest', async (request) => {
    await requireRole(request, 'admin')
  })

  app.get<{ Params: ScriptParams }>('/api/studio/projects/:project/scripts/*', async (request) => {
    const folder = new ProjectFolder(projectsDir, request.params.project)
    await folder.readProject()
    const path = `scripts/${request.params['*']}`
    const source = await folder.readScript(path)
    // Not written yet reads as empty: the editor starts the file, and opening a page is no error.
    return { path, source: source ?? '', exists: source !== null }
  })

  // JSON escaping can make a script's body several times its size: the body limit leaves room for that,
  // and the script itself is measured below.
  app.put<{ Params: ScriptParams }>(
    '/api/studio/projects/:project/scripts/*',
    { bodyLimit: 8 * MAX_SCRIPT_BYTES },
    async (request) => {
      const folder = new ProjectFolder(projectsDir, request.params.project)
      await folder.readProject()
      const path = `scripts/${request.params['*']}`
      const { source } = (request.body ?? {}) as { source?: unknown }
      if (typeof source !== 'string') {
        throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Send { "source": "…the script…" }.', {
          details: [{ path: 'body.source', message: 'Expected the script as a string.' }],
        })
      }
      if (Buffer.byteLength(source, 'utf8') > MAX_SCRIPT_BYTES) {
        throw new ApiError(
          413,
          ApiErrorCodes.PAYLOAD_TOO_LARGE,
          `The script is larger than ${MAX_SCRIPT_BYTES / 1024} KiB. Keep page handlers short, or split them across pages.`,
        )
      }
      const parsed = parsePageScript(source)
      if (!parsed.ok) {
        const { line, column, message } = parsed.error
        throw new ApiError(
          400,
          ApiErrorCodes.SCRIPT_SYNTAX_ERROR,
          `${path} has a syntax error at line ${line}, column ${column}: ${message}. Nothing was saved.`,
          { details: [{ path: 'body.source', message, line, column }] },
        )
      }
      await folder.writeScript(path, source)
      return { path, handlers: parsed.handlers }
    },
  )
}
