import { ErrorCodes } from '@tether/core'
import { Listeners } from './listeners.js'

/** `loggedInUser.dataSet`: the field names pages bind to (`isAuthenticated`, `name`, `roles`…). */
export interface LoggedInUser {
  isAuthenticated: boolean
  isSecurityEnabled: boolean
  /** The username. */
  name: string | null
  id: number | null
  roles: string[]
  tenantId: number | null
  userAttributes: Record<string, unknown>
}

export interface LoggedInUserSnapshot {
  dataSet: LoggedInUser
  status: { state: 'idle' | 'loading' | 'ready' | 'error'; lastError: { code: string; message: string } | null }
}

const anonymous = (isSecurityEnabled: boolean): LoggedInUser => ({
  isAuthenticated: false,
  isSecurityEnabled,
  name: null,
  id: null,
  roles: [],
  tenantId: null,
  userAttributes: {},
})

/** Reads the server's answer to `/api/auth/me`: `{ user }`, a bare user, or 401 for nobody. */
export function toLoggedInUser(body: unknown, isSecurityEnabled: boolean): LoggedInUser {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  // The server already answers in this shape (`GET /api/auth/me`).
  if (typeof record.isAuthenticated === 'boolean') {
    if (!record.isAuthenticated) return anonymous(isSecurityEnabled)
    return {
      isAuthenticated: true,
      isSecurityEnabled: typeof record.isSecurityEnabled === 'boolean' ? record.isSecurityEnabled : isSecurityEnabled,
      name: typeof record.name === 'string' ? record.name : null,
      id: typeof record.id === 'number' ? record.id : null,
      roles: Array.isArray(record.roles) ? record.roles.map(String) : [],
      tenantId: typeof record.tenantId === 'number' ? record.tenantId : null,
      userAttributes: (typeof record.userAttributes === 'object' && record.userAttributes !== null
        ? record.userAttributes
        : {}) as Record<string, unknown>,
    }
  }
  const user = (typeof record.user === 'object' && record.user !== null ? record.user : record) as Record<
    string,
    unknown
  >
  const name = typeof user.username === 'string' ? user.username : typeof user.name === 'string' ? user.name : null
  if (name === null) return anonymous(isSecurityEnabled)
  const { id, roles, tenantId, username: _username, name: _name, ...rest } = user
  return {
    isAuthenticated: true,
    isSecurityEnabled,
    name,
    id: typeof id === 'number' ? id : null,
    roles: Array.isArray(roles) ? roles.map(String) : [],
    tenantId: typeof tenantId === 'number' ? tenantId : null,
    userAttributes: rest,
  }
}

/** The `loggedInUser` variable: who is signed in, from `GET /api/auth/me`. */
export class LoggedInUserVariable {
  readonly name = 'loggedInUser'
  readonly #listeners = new Listeners()
  readonly #fetch: typeof fetch
  readonly #url: string
  readonly #logoutUrl: string
  readonly #securityEnabled: boolean
  #snapshot: LoggedInUserSnapshot

  constructor(options: {
    isSecurityEnabled: boolean
    url?: string
    logoutUrl?: string
    fetch?: typeof fetch
    user?: unknown
  }) {
    this.#securityEnabled = options.isSecurityEnabled
    this.#url = options.url ?? '/api/auth/me'
    this.#logoutUrl = options.logoutUrl ?? '/api/auth/logout'
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#snapshot = {
      dataSet: toLoggedInUser(options.user, options.isSecurityEnabled),
      status: { state: options.user === undefined ? 'idle' : 'ready', lastError: null },
    }
  }

  subscribe = (listener: () => void): (() => void) => this.#listeners.add(listener)
  getSnapshot = (): LoggedInUserSnapshot => this.#snapshot

  get dataSet(): LoggedInUser {
    return this.#snapshot.dataSet
  }

  /** Asks the server again (after login or logout). */
  async refresh(): Promise<LoggedInUser> {
    this.#set({ ...this.#snapshot, status: { state: 'loading', lastError: null } })
    try {
      const response = await this.#fetch(this.#url, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
      const body = response.ok ? await response.json() : null
      this.#set({ dataSet: toLoggedInUser(body, this.#securityEnabled), status: { state: 'ready', lastError: null } })
    } catch (error) {
      const message = `Could not ask the server who is signed in: ${(error as Error).message}. Reload to retry.`
      this.#set({
        dataSet: anonymous(this.#securityEnabled),
        status: { state: 'error', lastError: { code: ErrorCodes.AUTH_UNAVAILABLE, message } },
      })
    }
    return this.#snapshot.dataSet
  }

  /**
   * Signs out (`POST /api/auth/logout`, which clears the session cookie) and becomes anonymous. A
   * failed request throws, so the action reports it and the user is not told they left when they did not.
   */
  async logout(): Promise<void> {
    const response = await this.#fetch(this.#logoutUrl, {
      method: 'POST',
      credentials: 'same-origin',
      // The server accepts state-changing API calls only as JSON (its CSRF guard), even without a body.
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{}',
    })
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { message?: string } | null
      throw new Error(body?.message ?? `Signing out failed (HTTP ${response.status}). Try again.`)
    }
    this.#set({ dataSet: anonymous(this.#securityEnabled), status: { state: 'ready', lastError: null } })
  }

  #set(snapshot: LoggedInUserSnapshot): void {
    this.#snapshot = snapshot
    this.#listeners.notify()
  }

  dispose(): void {
    this.#listeners.clear()
  }
}
