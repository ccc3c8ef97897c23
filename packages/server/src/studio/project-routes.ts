import { inferSchema } from '@tether/core'
import { isScriptFile, scriptFileOf, validatePage, validateProject } from '@tether/runtime'
import type { FastifyPluginAsync } from 'fastify'
import { checkSignInProvider } from '../crud/index.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { MAX_MOCK_BYTES, parseMockSession } from '../mocks/index.js'
import { checkName, listProjects, ProjectFolder, toFileJson, writeFileAtomic } from '../projects/index.js'
import { summarizeScripts } from './script-routes.js'

export interface ProjectRoutesOptions {
  projectsDir: string
}

/** Most samples `POST /api/studio/infer` takes at once. */
const MAX_INFER_SAMPLES = 1000

type ProjectParams = { project: string }

function mismatch(what: string, inBody: unknown, inUrl: string): ApiError {
  return new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, `The body names "${String(inBody)}", the URL "${inUrl}".`, {
    details: [{ path: 'name', message: `Must equal the ${what} name in the URL ("${inUrl}").` }],
  })
}

/**
 * The studio's project files: list and create projects, read one whole, save its project file,
 * pages and mocks. Every body is validated (the runtime's page schemas, the mock format) before the
 * file is written, atomically.
 */
export const studioProjectRoutes: FastifyPluginAsync<ProjectRoutesOptions> = async (app, { projectsDir }) => {
  const folderOf = (project: string) => new ProjectFolder(projectsDir, project)

  async function readWhole(project: string) {
    const folder = folderOf(project)
    const pages = await folder.readAll('page')
    // The handlers of each page's script, so the studio can tell a `{ script: 'x' }` naming no export.
    const scriptFiles = Object.values(pages).flatMap((page) => {
      const script = (page as { script?: unknown } | null)?.script
      return typeof script === 'string' && isScriptFile(scriptFileOf(script)) ? [scriptFileOf(script)] : []
    })
    return {
      project: await folder.readProject(),
      services: await folder.readAll('service'),
      pages,
      mocks: await folder.list('mock'),
      scripts: await summarizeScripts(folder, scriptFiles),
    }
  }

  app.get('/api/studio/projects', async () => {
    const projects = await listProjects(projectsDir)
    return { data: projects.map(({ name, title }) => ({ name, title })) }
  })

  app.post('/api/studio/projects', async (request, reply) => {
    const body = (request.body ?? {}) as { name?: unknown; title?: unknown }
    const name = checkName('project', typeof body.name === 'string' ? body.name : '', 'body.name')
    const title = typeof body.title === 'string' && body.title.trim() !== '' ? body.title.trim() : name
    const folder = folderOf(name)
    if ((await listProjects(projectsDir)).some((p) => p.name === name)) {
      throw new ApiError(
        409,
        ApiErrorCodes.CONFLICT,
        `A project named "${name}" exists already. Open it or pick another name.`,
      )
    }
    const project = validateProject({ name, title, homePage: 'Main', pages: ['Main'] })
    const page = validatePage({ name: 'Main', widgets: [] })
    // The page first: a project file that exists always has its home page.
    await folder.write('page', 'Main', toFileJson(page))
    await writeFileAtomic(folder.projectFile, toFileJson(project))
    return reply.status(201).send(await readWhole(name))
  })

  app.get<{ Params: ProjectParams }>('/api/studio/projects/:project', async (request) =>
    readWhole(request.params.project),
  )

  app.put<{ Params: ProjectParams }>('/api/studio/projects/:project/project', async (request) => {
    const folder = folderOf(request.params.project)
    await folder.readProject()
    const project = validateProject(request.body)
    if (project.name !== folder.name) throw mismatch('project', project.name, folder.name)
    // Against the server's entities: a provider that cannot sign anyone in is refused before it is written.
    if (project.security.provider) checkSignInProvider(project.security.provider)
    await writeFileAtomic(folder.projectFile, toFileJson(project))
    return project
  })

  app.put<{ Params: ProjectParams & { page: string } }>(
    '/api/studio/projects/:project/pages/:page',
    async (request) => {
      const folder = folderOf(request.params.project)
      const name = checkName('page', request.params.page, 'params.page')
      await folder.readProject()
      const page = validatePage(request.body)
      if (page.name !== name) throw mismatch('page', page.name, name)
      await folder.write('page', name, toFileJson(page))
      return page
    },
  )

  app.delete<{ Params: ProjectParams & { page: string } }>(
    '/api/studio/projects/:project/pages/:page',
    async (request, reply) => {
      const folder = folderOf(request.params.project)
      const project = await folder.readProject()
      const { page } = request.params
      if (project.homePage === page) {
        throw new ApiError(
          409,
          ApiErrorCodes.CONFLICT,
          `"${page}" is the home page. Make another page the home page first.`,
        )
      }
      if (!(await folder.remove('page', page)))
        throw new ApiError(404, ApiErrorCodes.NOT_FOUND, `Project "${folder.name}" has no page named "${page}".`)
      return reply.status(204).send()
    },
  )

  app.get<{ Params: ProjectParams & { mock: string } }>('/api/studio/projects/:project/mocks/:mock', async (request) =>
    folderOf(request.params.project).read('mock', request.params.mock),
  )

  app.put<{ Params: ProjectParams & { mock: string } }>(
    '/api/studio/projects/:project/mocks/:mock',
    { bodyLimit: MAX_MOCK_BYTES },
    async (request) => {
      const folder = folderOf(request.params.project)
      const name = checkName('mock', request.params.mock, 'params.mock')
      await folder.readProject()
      const session = parseMockSession(request.body)
      await folder.write('mock', name, toFileJson(session))
      return session
    },
  )

  app.delete<{ Params: ProjectParams & { mock: string } }>(
    '/api/studio/projects/:project/mocks/:mock',
    async (request, reply) => {
      const folder = folderOf(request.params.project)
      await folder.readProject()
      if (!(await folder.remove('mock', request.params.mock)))
        throw new ApiError(
          404,
          ApiErrorCodes.NOT_FOUND,
          `Project "${folder.name}" has no mock named "${request.params.mock}".`,
        )
      return reply.status(204).send()
    },
  )

  app.post('/api/studio/infer', async (request) => {
    const { samples, name } = (request.body ?? {}) as { samples?: unknown; name?: unknown }
    if (!Array.isArray(samples) || samples.length === 0 || samples.length > MAX_INFER_SAMPLES) {
      throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Send { "samples": [ …messages ] }.', {
        details: [{ path: 'body.samples', message: `Expected 1 to ${MAX_INFER_SAMPLES} sample messages.` }],
      })
    }
    return inferSchema(samples, typeof name === 'string' ? { name } : {})
  })
}
