import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { renderLandingPage } from './landingPage.js'
import { isProjectName, listProjects, loadProject } from './loadProject.js'
import { sendBundleFile } from './sendBundleFile.js'
import { sendPageScript } from './sendPageScript.js'

export interface ProjectRoutesOptions {
  /** Folder holding one sub-folder per project (`DATA_DIR/projects` by default). */
  projectsDir: string
  /** The browser runtime's built bundle (`packages/react/dist-app`). */
  appDir: string
  /** Whether the demo logins are shown on the landing page (demo mode only). */
  demoMode: boolean
}

/**
 * Serves Tether projects: their files as JSON for the runtime (`/api/projects/:name`), the runtime
 * bundle under `/apps/:name/` (any unknown path falls back to index.html for in-app routing), the
 * project's page scripts under `/apps/:name/scripts/`, and the landing page at `/`.
 */
export const projectRoutes: FastifyPluginAsync<ProjectRoutesOptions> = async (app: FastifyInstance, options) => {
  const { projectsDir, appDir } = options

  app.get('/api/projects', async () => ({ data: await listProjects(projectsDir) }))

  app.get<{ Params: { name: string } }>('/api/projects/:name', async (request) =>
    loadProject(projectsDir, request.params.name),
  )

  app.get('/', async (_request, reply) => {
    const html = renderLandingPage(await listProjects(projectsDir), { demoMode: options.demoMode })
    return reply.type('text/html; charset=utf-8').send(html)
  })

  app.get<{ Params: { name: string; '*': string } }>('/apps/:name/*', async (request, reply) => {
    const { name } = request.params
    if (!isProjectName(name)) throw new ApiError(404, ApiErrorCodes.NOT_FOUND, `No app at ${request.url}.`)
    const path = request.params['*']
    if (path.startsWith('scripts/')) return sendPageScript(reply, projectsDir, name, path)
    return sendBundleFile(
      reply,
      appDir,
      request.params['*'],
      'Run `npm run build` (or `npm start`, which builds what is missing).',
    )
  })

  app.get<{ Params: { name: string } }>('/apps/:name', async (request, reply) =>
    reply.redirect(`/apps/${encodeURIComponent(request.params.name)}/`),
  )
}
