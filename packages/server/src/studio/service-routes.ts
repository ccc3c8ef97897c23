import {
  defineWebSocketService,
  inferSchema,
  loadPayloadDecoder,
  serializeServiceDefinition,
  toAsyncApi,
  type WebSocketServiceDefinition,
} from '@tether/core'
import type { FastifyPluginAsync } from 'fastify'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { checkName, ProjectFolder } from '../projects/index.js'
import { parseSecretChanges, type SecretsStore } from './secrets-store.js'

export interface ServiceRoutesOptions {
  projectsDir: string
  secrets: SecretsStore
}

type ServiceParams = { project: string; service: string }

/**
 * The studio's service files: save (validated by core, written in its stable key order), rename,
 * delete, AsyncAPI and TypeScript exports, and the server-side secret headers of each service.
 */
export const serviceRoutes: FastifyPluginAsync<ServiceRoutesOptions> = async (app, { projectsDir, secrets }) => {
  const folderOf = (project: string) => new ProjectFolder(projectsDir, project)

  async function readService(project: string, service: string): Promise<WebSocketServiceDefinition> {
    return defineWebSocketService((await folderOf(project).read('service', service)) as WebSocketServiceDefinition)
      .definition
  }

  app.put<{ Params: ServiceParams; Querystring: { rename?: string } }>(
    '/api/studio/projects/:project/services/:service',
    async (request) => {
      const { project, service } = request.params
      const folder = folderOf(project)
      checkName('service', service, 'params.service')
      const renamedFrom = request.query.rename
      if (renamedFrom !== undefined) checkName('service', renamedFrom, 'query.rename')
      await folder.readProject()
      // Validate before anything touches the disk: a bad definition leaves every file as it was.
      const { definition } = defineWebSocketService(request.body as WebSocketServiceDefinition)
      // A .proto is parsed only by a decoder: build one now, so a file that cannot decode is never saved.
      await loadPayloadDecoder(definition)
      if (definition.name !== service) {
        throw new ApiError(
          400,
          ApiErrorCodes.VALIDATION_FAILED,
          `The body names "${definition.name}", the URL "${service}".`,
          {
            details: [{ path: 'name', message: `Must equal the service name in the URL ("${service}").` }],
          },
        )
      }
      const isRename = renamedFrom !== undefined && renamedFrom !== service
      if (isRename) {
        if ((await folder.list('service')).includes(service)) {
          throw new ApiError(409, ApiErrorCodes.CONFLICT, `Project "${project}" already has a service "${service}".`, {
            details: [{ path: 'name', message: 'Choose a name no other service uses.' }],
          })
        }
        await folder.read('service', renamedFrom)
      }
      const text = serializeServiceDefinition(definition)
      await folder.write('service', service, text)
      if (isRename) {
        await secrets.rename(project, renamedFrom, service)
        await folder.remove('service', renamedFrom)
      }
      return JSON.parse(text)
    },
  )

  app.delete<{ Params: ServiceParams }>('/api/studio/projects/:project/services/:service', async (request, reply) => {
    const { project, service } = request.params
    const folder = folderOf(project)
    await folder.readProject()
    if (!(await folder.remove('service', service))) {
      throw new ApiError(404, ApiErrorCodes.NOT_FOUND, `Project "${project}" has no service named "${service}".`)
    }
    await secrets.remove(project, service)
    return reply.status(204).send()
  })

  app.get<{ Params: ServiceParams }>('/api/studio/projects/:project/services/:service/asyncapi', async (request) => {
    return toAsyncApi(await readService(request.params.project, request.params.service))
  })

  app.get<{ Params: ServiceParams }>(
    '/api/studio/projects/:project/services/:service/types',
    async (request, reply) => {
      const definition = await readService(request.params.project, request.params.service)
      const samples = definition.samples?.responses ?? []
      if (samples.length === 0) {
        throw new ApiError(
          404,
          ApiErrorCodes.NOT_FOUND,
          `Service "${definition.name}" has no sample responses to infer types from. Test it and pick samples first.`,
        )
      }
      const { typescript } = inferSchema(samples, { name: definition.name })
      return reply.type('text/plain; charset=utf-8').send(typescript)
    },
  )

  app.get<{ Params: ServiceParams }>('/api/studio/projects/:project/services/:service/secrets', async (request) => {
    const { project, service } = request.params
    await folderOf(project).read('service', service)
    return secrets.secretNames(project, service)
  })

  // Merges: a value sets a header or credential, null removes it, an omitted name keeps its stored value (which the
  // studio never sees, so it must not have to send it back). `?replace=1` replaces them all instead.
  app.put<{ Params: ServiceParams; Querystring: { replace?: string } }>(
    '/api/studio/projects/:project/services/:service/secrets',
    async (request, reply) => {
      const { project, service } = request.params
      const replace = parseFlag(request.query.replace, 'query.replace')
      const changes = parseSecretChanges(request.body)
      await folderOf(project).read('service', service)
      await secrets.update(project, service, changes, { replace })
      return reply.status(204).send()
    },
  )
}

function parseFlag(raw: string | undefined, path: string): boolean {
  if (raw === undefined || raw === '0' || raw === 'false') return false
  if (raw === '1' || raw === 'true') return true
  throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, `Unexpected value "${raw}" for ${path}.`, {
    details: [{ path, message: 'Expected 1 or true (or 0, false).' }],
  })
}
