import { useEffect, useState } from 'react'
import { requestJson } from './http.js'

/** One field of a CRUD entity, as the server's `GET /api/entities` describes it. */
export interface EntityField {
  name: string
  type: 'integer' | 'string' | 'date'
  nullable: boolean
  primaryKey: boolean
  readOnly: boolean
  required: boolean
  /** No two records share a value: a sign-in may look users up by it. Defaults to false. */
  unique?: boolean
  /** The operators `where[field][op]=` accepts (the runtime's filters use `eq`). */
  filterOperators: string[]
  values?: string[]
  maxLength?: number
}

export interface EntityMetadata {
  name: string
  primaryKey: string
  fields: EntityField[]
  /** The write-only field stored as a password hash (not in `fields`); absent when the entity has none. */
  passwordField?: string
}

/** The server's entities while they load, once loaded, or why they could not be read. */
export type EntityCatalog =
  | { state: 'loading' }
  | { state: 'ready'; entities: readonly EntityMetadata[] }
  | { state: 'error'; message: string }

export const fetchEntities = () => requestJson<{ data: EntityMetadata[] }>('GET', '/api/entities')

// The entities are fixed while the server runs: one request serves every dialog. A failure is not kept,
// so the next dialog asks again.
let shared: Promise<readonly EntityMetadata[]> | null = null

function loadEntities(): Promise<readonly EntityMetadata[]> {
  shared ??= fetchEntities().then(
    (body) => body.data,
    (error: unknown) => {
      shared = null
      throw error
    },
  )
  return shared
}

/** The CRUD entities from the server (asked once per studio session). */
export function useEntities(): EntityCatalog {
  const [catalog, setCatalog] = useState<EntityCatalog>({ state: 'loading' })
  useEffect(() => {
    let live = true
    loadEntities().then(
      (entities) => live && setCatalog({ state: 'ready', entities }),
      (error: Error) =>
        live && setCatalog({ state: 'error', message: `Could not read the entities: ${error.message}` }),
    )
    return () => {
      live = false
    }
  }, [])
  return catalog
}

/** The entity's description, when the catalog is loaded and has it. */
export function findEntity(catalog: EntityCatalog | undefined, name: string): EntityMetadata | undefined {
  return catalog?.state === 'ready' ? catalog.entities.find((e) => e.name === name) : undefined
}
