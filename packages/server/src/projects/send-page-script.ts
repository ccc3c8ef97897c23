import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { isScriptFile } from '@tether/runtime'
import type { FastifyReply } from 'fastify'
import { ApiError, ApiErrorCodes } from '../errors/index.js'

// Page scripts are ES modules in the project's `scripts/` folder; the runtime imports
// `./scripts/<name>.js` relative to the app. Only plain names are served, so no path can leave it.

/**
 * Sends `<projectsDir>/<project>/<path>` as JavaScript, or a 404 — never the app's index.html,
 * which the browser would otherwise try to run as a module.
 */
export async function sendPageScript(reply: FastifyReply, projectsDir: string, project: string, path: string) {
  if (!isScriptFile(path)) {
    throw new ApiError(
      404,
      ApiErrorCodes.NOT_FOUND,
      `No page script at ${path}: scripts are scripts/<name>.js or .mjs.`,
    )
  }
  let source: Buffer
  try {
    source = await readFile(join(projectsDir, project, path))
  } catch {
    throw new ApiError(
      404,
      ApiErrorCodes.NOT_FOUND,
      `Project "${project}" has no ${path}. Add it to the project's scripts/ folder.`,
    )
  }
  return reply
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff')
    .type('text/javascript; charset=utf-8')
    .send(source)
}
