import { ErrorCodes, TetherError } from '@tether/core'
import { Listeners } from './listeners.js'

export type CrudState = 'idle' | 'loading' | 'ready' | 'error'

export interface CrudStatus {
  state: CrudState
  /** The last failure: its code, the developer's message, and the HTTP status it came with, if any. */
  lastError: { code: string; message: string; httpStatus?: number } | null
}

export interface CrudVariableSnapshot {
  dataSet: Record<string, unknown>[]
  firstRecord: Record<string, unknown> | undefined
  lastRecord: Record<string, unknown> | undefined
  status: CrudStatus
  /** 1-based page of `dataSet`. */
  page: number
  size: number
  /** Rows matching the filter on the server, all pages together. */
  total: number
}

export interface CrudVariableOptions {
  name: string
  /** Entity as the server's CRUD API names it, e.g. `employee`. */
  entity: string
  /** Field → value; rows where the field equals the value. Empty values ('' / null / undefined) are skipped. */
  filter?: Record<string, unknown>
  /** The CRUD API's sort: `lastname`, `-time` (descending), comma-separated for several. */
  sort?: string
  /** Records per request. Defaults to 20. */
  size?: number
  /** Fetch when created. Defaults to true. */
  requestOnLoad?: boolean
  /** Defaults to `/api/entities`. */
  baseUrl?: string
  /** Defaults to globalThis.fetch. */
  fetch?: typeof fetch
  onSuccess?: (variable: CrudVariable, data: Record<string, unknown>[]) => void
  onError?: (variable: CrudVariable, error: TetherError) => void
}

interface CrudResponse {
  data: Record<string, unknown>[]
  page?: number
  size?: number
  total?: number
}

const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === ''

/**
 * A Database CRUD variable: reads one page of an entity from the server's CRUD API with filters
 * (usually bound to expressions), paging and sorting. Framework-free; the UI watches it through
 * `subscribe` / `getSnapshot` like any variable. A newer request supersedes an older one, so a
 * slow response never overwrites a fresher one.
 *
 * @example
 * const employees = new CrudVariable({ name: 'employeeData', entity: 'employee', size: 50 })
 * employees.subscribe(() => console.log(employees.getSnapshot().dataSet))
 */
export class CrudVariable {
  readonly name: string
  readonly entity: string
  readonly #listeners = new Listeners()
  readonly #options: CrudVariableOptions
  #filter: Record<string, unknown>
  #controller: AbortController | null = null
  #requested = false
  #disposed = false
  #snapshot: CrudVariableSnapshot

  constructor(options: CrudVariableOptions) {
    this.#options = options
    this.name = options.name
    this.entity = options.entity
    this.#filter = { ...options.filter }
    this.#snapshot = {
      dataSet: [],
      firstRecord: undefined,
      lastRecord: undefined,
      status: { state: 'idle', lastError: null },
      page: 1,
      size: options.size ?? 20,
      total: 0,
    }
    // On the next microtask, so bound filter values set right after construction are used.
    if (options.requestOnLoad ?? true) queueMicrotask(() => void this.invoke())
  }

  subscribe = (listener: () => void): (() => void) => this.#listeners.add(listener)
  getSnapshot = (): CrudVariableSnapshot => this.#snapshot

  get dataSet(): Record<string, unknown>[] {
    return this.#snapshot.dataSet
  }

  /** Replaces some filter values; refetches page 1 if the variable has been requested before. */
  setFilter(values: Record<string, unknown>): void {
    const next = { ...this.#filter, ...values }
    if (Object.keys(next).every((key) => Object.is(next[key], this.#filter[key]))) return
    this.#filter = next
    if (this.#requested) void this.#request(1)
  }

  /** Fetches the current page (page 1 the first time). */
  invoke(): Promise<void> {
    return this.#request(this.#requested ? this.#snapshot.page : 1)
  }

  update(): Promise<void> {
    return this.invoke()
  }

  setPage(page: number): Promise<void> {
    return this.#request(Math.max(1, Math.floor(page)))
  }

  nextPage(): Promise<void> {
    return this.setPage(this.#snapshot.page + 1)
  }

  previousPage(): Promise<void> {
    return this.setPage(this.#snapshot.page - 1)
  }

  dispose(): void {
    this.#disposed = true
    this.#controller?.abort()
    this.#listeners.clear()
  }

  url(page: number): string {
    const params = new URLSearchParams()
    for (const [field, value] of Object.entries(this.#filter)) {
      if (!isEmpty(value)) params.append(`where[${field}][eq]`, String(value))
    }
    if (this.#options.sort) params.set('sort', this.#options.sort)
    params.set('page', String(page))
    params.set('size', String(this.#snapshot.size))
    const base = this.#options.baseUrl ?? '/api/entities'
    return `${base}/${encodeURIComponent(this.entity)}?${params.toString()}`
  }

  #set(patch: Partial<CrudVariableSnapshot>): void {
    if (this.#disposed) return
    const next = { ...this.#snapshot, ...patch }
    next.firstRecord = next.dataSet[0]
    next.lastRecord = next.dataSet[next.dataSet.length - 1]
    this.#snapshot = next
    this.#listeners.notify()
  }

  async #request(page: number): Promise<void> {
    if (this.#disposed) return
    this.#requested = true
    this.#controller?.abort()
    const controller = new AbortController()
    this.#controller = controller
    this.#set({ status: { state: 'loading', lastError: this.#snapshot.status.lastError } })
    const doFetch = this.#options.fetch ?? globalThis.fetch
    let data: Record<string, unknown>[] | null = null
    let httpStatus: number | undefined
    try {
      const response = await doFetch(this.url(page), {
        signal: controller.signal,
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
      const body = (await response.json().catch(() => null)) as (CrudResponse & { message?: string }) | null
      if (!response.ok) httpStatus = response.status
      if (!response.ok || body === null || !Array.isArray(body.data)) {
        const reason = body?.message ?? (response.ok ? 'the response has no data array' : `HTTP ${response.status}`)
        throw new TetherError(ErrorCodes.CRUD_REQUEST_FAILED, `Could not read ${this.entity}: ${reason}.`)
      }
      if (controller.signal.aborted) return
      this.#set({
        dataSet: body.data,
        page: body.page ?? page,
        total: body.total ?? body.data.length,
        status: { state: 'ready', lastError: null },
      })
      data = body.data
    } catch (error) {
      if (controller.signal.aborted) return
      const failure =
        error instanceof TetherError
          ? error
          : new TetherError(
              ErrorCodes.CRUD_REQUEST_FAILED,
              `Could not reach the server to read ${this.entity}; check the connection and retry.`,
              { cause: error },
            )
      const lastError = { code: failure.code, message: failure.message, ...(httpStatus && { httpStatus }) }
      this.#set({ status: { state: 'error', lastError } })
      this.#options.onError?.(this, failure)
    }
    // Outside the try: a failing onSuccess handler must not turn a good response into an error state.
    if (data !== null) this.#options.onSuccess?.(this, data)
  }
}
