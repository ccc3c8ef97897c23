import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import { ApiError } from '../errors/index.js'
import { isProjectName, listProjects, loadProject } from './loadProject.js'
import { renderLandingPage } from './landingPage.js'

export interface ProjectRoutesOptions {
  /** Folder holding one sub-folder per project (`examples/` by default). */
  projectsDir: string
  /** The browser runtime's built bundle (`packages/react/dist-app`). */
  appDir: string
  /** Whether the demo logins are shown on the landing page (demo mode only). */
  demoMode: boolean
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
}

/**
 * Serves Tether projects: their files as JSON for the runtime (`/api/projects/:name`), the runtime
 * bundle under `/apps/:name/` (any unknown path falls back to index.html for in-app routing), and
 * the landing page at `/`.
 */
export const projectRoutes: FastifyPluginAsync<ProjectRoutesOptions> = async (app: FastifyInstance, options) => {
  const { projectsDir, appDir } = options

  app.get('/api/projects', async () => ({ data: await listProjects(projectsDir) }))

  app.get<{ Params: { name: string } }>('/api/projects/:name', async (request) => loadProject(projectsDir, request.params.name))

  app.get('/', async (_request, reply) => {
    const html = renderLandingPage(await listProjects(projectsDir), { demoMode: options.demoMode })
    return reply.type('text/html; charset=utf-8').send(html)
  })

  app.get<{ Params: { name: string; '*': string } }>('/apps/:name/*', async (request, reply) => {
    const { name } = request.params
    if (!isProjectName(name)) throw new ApiError(404, 'TETHER_NOT_FOUND', `No app at ${request.url}.`)
    if (!existsSync(join(appDir, 'index.html'))) {
      throw new ApiError(503, 'TETHER_APP_NOT_BUILT', 'The app bundle is not built yet. Run `npm run build` (or `npm start`, which builds what is missing).')
    }
    // Resolve inside appDir only: a path that normalizes outside it is treated as an in-app route.
    const wanted = normalize(join(appDir, request.params['*'] || 'index.html'))
    const inside = wanted.startsWith(appDir + sep) && existsSync(wanted) && extname(wanted) !== ''
    const file = inside ? wanted : join(appDir, 'index.html')
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
    // Hashed assets never change; index.html must always be fresh.
    reply.header('cache-control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable')
    return reply.type(type).send(await readFile(file))
  })

  app.get<{ Params: { name: string } }>('/apps/:name', async (request, reply) => reply.redirect(`/apps/${encodeURIComponent(request.params.name)}/`))
}
