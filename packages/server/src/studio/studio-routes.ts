import type { FastifyPluginAsync } from 'fastify'
import { requireRole } from '../auth/index.js'
import type { ServerConfig } from '../config.js'
import { sendBundleFile } from '../projects/index.js'
import { detectRoutes } from './detect-routes.js'
import { diagnoseRoutes } from './diagnose-routes.js'
import { projectManageRoutes } from './project-manage-routes.js'
import { studioProjectRoutes } from './project-routes.js'
import { scriptRoutes } from './script-routes.js'
import type { SecretsStore } from './secrets-store.js'
import { serviceRoutes } from './service-routes.js'

export interface StudioRoutesOptions {
  config: ServerConfig
  secrets: SecretsStore
}

const BUILD_HINT = 'Run `npm run build` (or `npm start`, which builds what is missing).'

/**
 * The studio: its web app under `/studio/` (open to all, so the login screen loads) and its HTTP API
 * under `/api/studio/`, which reads and writes the project files in `config.projectsDir` and needs an
 * admin session (401 without a session, 403 for other roles).
 */
export const studioRoutes: FastifyPluginAsync<StudioRoutesOptions> = async (app, { config, secrets }) => {
  await app.register(async (api) => {
    api.addHook('onRequest', async (request) => {
      await requireRole(request, 'admin')
    })
    await api.register(studioProjectRoutes, { projectsDir: config.projectsDir })
    await api.register(scriptRoutes, { projectsDir: config.projectsDir })
    await api.register(serviceRoutes, { projectsDir: config.projectsDir, secrets })
    await api.register(diagnoseRoutes, { config })
    await api.register(detectRoutes, { config })
    await api.register(projectManageRoutes, { projectsDir: config.projectsDir, secrets })
  })

  app.get('/studio', async (_request, reply) => reply.redirect('/studio/'))
  app.get<{ Params: { '*': string } }>('/studio/*', async (request, reply) =>
    sendBundleFile(reply, config.studioDir, request.params['*'], BUILD_HINT),
  )
}
