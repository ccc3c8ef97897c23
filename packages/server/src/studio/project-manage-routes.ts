import { randomBytes } from 'node:crypto'
import { cp, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { FastifyPluginAsync } from 'fastify'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { checkName, ProjectFolder, readJsonFile, toFileJson, writeFileAtomic } from '../projects/index.js'
import { exportProject, MAX_IMPORT_BYTES, readProjectZip } from './project-archive.js'
import type { SecretsStore } from './secrets-store.js'

export interface ProjectManageRoutesOptions {
  projectsDir: string
  secrets: SecretsStore
}

type ProjectParams = { project: string }

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/**
 * The studio's project management: rename, duplicate, delete, export as a zip and import one. A project
 * appears or disappears whole: copies and imports are made in a temporary folder beside the projects and
 * renamed into place, and a deleted project is first renamed out of the way.
 */
export const projectManageRoutes: FastifyPluginAsync<ProjectManageRoutesOptions> = async (
  app,
  { projectsDir, secrets },
) => {
  const temp = () => join(projectsDir, `.tmp-${randomBytes(6).toString('hex')}`)
  const target = async (raw: unknown, path: string) => {
    const to = checkName('project', typeof raw === 'string' ? raw : '', path)
    if (await exists(join(projectsDir, to))) {
      throw new ApiError(409, ApiErrorCodes.CONFLICT, `A project named "${to}" exists already. Pick another name.`)
    }
    return to
  }
  /** The project file names its project: keep it in step with the folder. */
  const renameInFile = async (folder: ProjectFolder) => {
    const project = await folder.readProject()
    if (project.name !== folder.name)
      await writeFileAtomic(folder.projectFile, toFileJson({ ...project, name: folder.name }))
  }

  app.post<{ Params: ProjectParams }>('/api/studio/projects/:project/rename', async (request) => {
    const from = new ProjectFolder(projectsDir, request.params.project)
    await from.readProject()
    const to = await target((request.body as { to?: unknown } | null)?.to, 'body.to')
    await rename(from.dir, join(projectsDir, to))
    await renameInFile(new ProjectFolder(projectsDir, to))
    await secrets.copyProject(from.name, to, true)
    return { name: to }
  })

  app.post<{ Params: ProjectParams }>('/api/studio/projects/:project/duplicate', async (request) => {
    const from = new ProjectFolder(projectsDir, request.params.project)
    await from.readProject()
    const to = await target((request.body as { to?: unknown } | null)?.to, 'body.to')
    const copy = temp()
    try {
      await cp(from.dir, copy, { recursive: true })
      await rename(copy, join(projectsDir, to))
    } catch (error) {
      await rm(copy, { recursive: true, force: true })
      throw error
    }
    await renameInFile(new ProjectFolder(projectsDir, to))
    await secrets.copyProject(from.name, to, false)
    return { name: to }
  })

  app.delete<{ Params: ProjectParams }>('/api/studio/projects/:project', async (request, reply) => {
    const folder = new ProjectFolder(projectsDir, request.params.project)
    await folder.readProject()
    const gone = temp()
    await rename(folder.dir, gone)
    await rm(gone, { recursive: true, force: true })
    await secrets.removeProject(folder.name)
    return reply.status(204).send()
  })

  app.get<{ Params: ProjectParams }>('/api/studio/projects/:project/export', async (request, reply) => {
    const folder = new ProjectFolder(projectsDir, request.params.project)
    await folder.readProject()
    const zip = await exportProject(folder.dir, folder.name)
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${folder.name}.zip"`)
      .send(Buffer.from(zip))
  })

  // JSON like every state-changing call (the CSRF guard wants it): the zip travels as base64.
  app.post(
    '/api/studio/projects/import',
    { bodyLimit: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4096 },
    async (request, reply) => {
      const body = (request.body ?? {}) as { zip?: unknown; name?: unknown }
      if (typeof body.zip !== 'string' || body.zip === '') {
        throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Send { "zip": "<the zip as base64>" }.', {
          details: [
            {
              path: 'body.zip',
              message: `A project zip (as Export makes it), at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`,
            },
          ],
        })
      }
      const bytes = Buffer.from(body.zip, 'base64')
      if (bytes.length > MAX_IMPORT_BYTES) {
        throw new ApiError(
          413,
          ApiErrorCodes.PAYLOAD_TOO_LARGE,
          `A project zip may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB.`,
        )
      }
      const { name, files } = readProjectZip(
        bytes,
        typeof body.name === 'string' && body.name !== '' ? body.name : undefined,
      )
      await target(name, 'name')
      const staged = temp()
      try {
        for (const [inside, content] of files) {
          const path = join(staged, inside)
          await mkdir(dirname(path), { recursive: true })
          await writeFile(path, content)
        }
        await rename(staged, join(projectsDir, name))
      } catch (error) {
        await rm(staged, { recursive: true, force: true })
        throw error
      }
      // Imported under another name: the project file follows the folder.
      const project = (await readJsonFile(join(projectsDir, name, 'tether.json'))) as { name?: unknown } | null
      if (project && project.name !== undefined && project.name !== name)
        await renameInFile(new ProjectFolder(projectsDir, name))
      return reply.status(201).send({ name })
    },
  )
}
