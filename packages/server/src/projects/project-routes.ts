import { canOpenPage, welcomesVisitors } from '@tether/runtime'
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import { readSessionUser, requireUser } from '../auth/index.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { renderLandingPage } from './landing-page.js'
import { isProjectName, listProjects, loadProject } from './load-project.js'
import { sendBundleFile } from './send-bundle-file.js'
import { sendPageScript } from './send-page-script.js'

export interface ProjectRoutesOptions {
  /** Folder holding one sub-folder per project (`DATA_DIR/projects` by default). */
  projectsDir: string
  /** The browser runtime's built bundle (`packages/react/dist-app`). */
  appDir: string
  /** Whether the demo logins are shown on the landing page (demo mode only). */
  demoMode: boolean
}

const VISITOR = { isAuthenticated: false, roles: [] }

/**
 * Serves Tether projects: their files as JSON for the runtime (`/api/projects/:name`; a session is
 * needed when the project has security enabled, else `401 TETHER_UNAUTHENTICATED` — unless some page
 * is open to everyone: then a visitor gets those pages only), the runtime
 * bundle under `/apps/:name/` (any unknown path falls back to index.html for in-app routing), the
 * project's page scripts under `/apps/:name/scripts/`, and the landing page at `/`.
 */
export const projectRoutes: FastifyPluginAsync<ProjectRoutesOptions> = async (app: FastifyInstance, options) => {
  const { projectsDir, appDir } = options

  app.get('/api/projects', async () => ({ data: await listProjects(projectsDir) }))

  app.get<{ Params: { name: string } }>('/api/projects/:name', async (request) => {
    const loaded = await loadProject(projectsDir, request.params.name)
    // A secured app's pages, services and variables are for its users; its name and title stay public
    // (the landing page and `/api/projects` list them, and the app's sign-in form shows the title).
    const { security } = loaded.project
    if (!security.enabled || (await readSessionUser(request))) return loaded
    if (!welcomesVisitors(security)) await requireUser(request)
    // A visitor gets the pages open to everyone; the others come after signing in.
    const pages = Object.fromEntries(
      Object.entries(loaded.pages).filter(([name]) => canOpenPage(security, name, VISITOR) === 'open'),
    )
    return { ...loaded, pages }
  })

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
