import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { requireRole, requireUser } from '../auth/index.js'
import { type Db, fitsIntegerColumn, INTEGER_COLUMN_MAX } from '../db/index.js'
import { ApiError, ApiErrorCodes, validationError, zodIssuesToDetails } from '../errors/index.js'
import { type EntityDefinition, entities, findEntity, writeSchema } from './entities.js'
import { describeEntities } from './entity-metadata.js'
import { EntityRepository } from './entity-repository.js'
import { parseListQuery } from './list-query.js'

export interface CrudRoutesOptions {
  db: Db
}

type EntityParams = { entity: string }
type RecordParams = { entity: string; id: string }

/**
 * REST for the database's entities under `/api/entities/:entity` (employee, department): their metadata
 * (`GET /api/entities`), list with
 * filters, sort and paging; get; create; replace (PUT); update (PATCH); delete. Reading needs a
 * session; writing needs the admin role.
 */
export const crudRoutes: FastifyPluginAsync<CrudRoutesOptions> = async (app, { db }) => {
  const repositories = new Map(Object.values(entities).map((e) => [e.name, new EntityRepository(db, e)]))
  const createSchemas = new Map(Object.values(entities).map((e) => [e.name, writeSchema(e, 'create')]))
  const patchSchemas = new Map(Object.values(entities).map((e) => [e.name, writeSchema(e, 'patch')]))

  function resolve(name: string): { entity: EntityDefinition; repository: EntityRepository } {
    const entity = findEntity(name)
    const repository = repositories.get(name)
    if (!entity || !repository) {
      const known = Object.keys(entities).join(', ')
      throw new ApiError(404, ApiErrorCodes.NOT_FOUND, `No entity "${name}". Entities: ${known}.`)
    }
    return { entity, repository }
  }

  function parseId(raw: string, entity: EntityDefinition): number {
    const id = Number(raw)
    if (!/^\d+$/.test(raw) || !fitsIntegerColumn(id) || id < 1) {
      throw validationError(`${entity.idField} must be a positive integer.`, [
        { path: `params.id`, message: `Expected an integer from 1 to ${INTEGER_COLUMN_MAX}, got "${raw}".` },
      ])
    }
    return id
  }

  function parseBody(request: FastifyRequest, entity: EntityDefinition, mode: 'create' | 'patch') {
    const schema = (mode === 'create' ? createSchemas : patchSchemas).get(entity.name)!
    const parsed = schema.safeParse(request.body ?? {})
    if (!parsed.success) {
      throw validationError(`The ${entity.name} is invalid.`, zodIssuesToDetails('body', parsed.error.issues))
    }
    return parsed.data
  }

  // The entities and their fields (types, keys, filter operators), for the studio's dialogs.
  const metadata = { data: describeEntities() }
  app.get('/api/entities', async (request) => {
    await requireUser(request)
    return metadata
  })

  app.get<{ Params: EntityParams }>('/api/entities/:entity', async (request) => {
    await requireUser(request)
    const { entity, repository } = resolve(request.params.entity)
    return repository.list(parseListQuery(entity, request.query as Record<string, unknown>))
  })

  app.get<{ Params: RecordParams }>('/api/entities/:entity/:id', async (request) => {
    await requireUser(request)
    const { entity, repository } = resolve(request.params.entity)
    return repository.get(parseId(request.params.id, entity))
  })

  app.post<{ Params: EntityParams }>('/api/entities/:entity', async (request, reply) => {
    await requireRole(request, 'admin')
    const { entity, repository } = resolve(request.params.entity)
    const record = await repository.create(parseBody(request, entity, 'create'))
    return reply.status(201).send(record)
  })

  app.put<{ Params: RecordParams }>('/api/entities/:entity/:id', async (request) => {
    await requireRole(request, 'admin')
    const { entity, repository } = resolve(request.params.entity)
    const id = parseId(request.params.id, entity)
    return repository.update(id, parseBody(request, entity, 'create'), true)
  })

  app.patch<{ Params: RecordParams }>('/api/entities/:entity/:id', async (request) => {
    await requireRole(request, 'admin')
    const { entity, repository } = resolve(request.params.entity)
    const id = parseId(request.params.id, entity)
    return repository.update(id, parseBody(request, entity, 'patch'), false)
  })

  app.delete<{ Params: RecordParams }>('/api/entities/:entity/:id', async (request, reply) => {
    await requireRole(request, 'admin')
    const { entity, repository } = resolve(request.params.entity)
    await repository.delete(parseId(request.params.id, entity))
    return reply.status(204).send()
  })
}
