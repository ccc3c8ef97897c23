import { chmod, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError, ApiErrorCodes, type ApiErrorDetail } from '../errors/index.js'
import { readJsonFile } from '../projects/index.js'
import { checkName, toFileJson, writeFileAtomic } from './project-files.js'

/** `{ [service]: { headers: { name: value } } }`, one file per project. */
type SecretsFile = Record<string, { headers: Record<string, string> }>

/** At most this many secret headers per service; a service needs one or two in practice. */
export const MAX_SECRET_HEADERS = 32
const MAX_HEADER_VALUE = 8 * 1024
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
/** Headers the WebSocket handshake itself sets; a secret must not replace them. */
const RESERVED = /^(host|connection|upgrade|content-length|transfer-encoding|sec-websocket-.*)$/i
/**
 * Headers that carry a browser's identity: stored once, a session cookie would be lent to every user
 * of the proxy (and, aimed at this server, make each of them that session's user).
 */
const IDENTITY = /^(cookie|cookie2)$/i

/** A change to a service's headers: a value sets the header, `null` removes it. */
export type SecretHeaderChanges = Record<string, string | null>

/**
 * Checks `{ headers: { name: value | null } }` and returns the changes, or throws 400 with each problem's
 * path. Names differing only in case are one header (HTTP names are case-insensitive), so both is an error.
 */
export function parseSecretHeaders(body: unknown): SecretHeaderChanges {
  const headers = (body as { headers?: unknown } | null)?.headers
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Send { "headers": { "Name": "value" or null } }.', {
      details: [{ path: 'body.headers', message: 'Expected an object of header names to values (null removes).' }],
    })
  }
  const details: ApiErrorDetail[] = []
  const entries = Object.entries(headers)
  // Room to remove every stored header and set as many new ones in one request.
  if (entries.length > 2 * MAX_SECRET_HEADERS)
    details.push({ path: 'body.headers', message: `At most ${2 * MAX_SECRET_HEADERS} changes at once.` })
  const seen = new Set<string>()
  for (const [name, value] of entries) {
    const path = `body.headers.${name}`
    if (!HEADER_NAME.test(name)) details.push({ path, message: 'Not a valid HTTP header name.' })
    else if (RESERVED.test(name)) details.push({ path, message: 'The WebSocket handshake sets this header itself.' })
    else if (IDENTITY.test(name))
      details.push({
        path,
        message: 'A cookie is a session, not a service credential: use an API key or Authorization header.',
      })
    else if (seen.has(name.toLowerCase())) details.push({ path, message: 'Given twice (header names ignore case).' })
    seen.add(name.toLowerCase())
    if (value !== null && (typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > MAX_HEADER_VALUE))
      details.push({
        path,
        message: `Expected a single-line text of at most ${MAX_HEADER_VALUE} characters, or null to remove it.`,
      })
  }
  if (details.length > 0)
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Invalid secret headers.', { details })
  return headers as SecretHeaderChanges
}

/** `current` with `changes` applied; names match case-insensitively, the new spelling wins. */
export function mergeSecretHeaders(
  current: Record<string, string>,
  changes: SecretHeaderChanges,
): Record<string, string> {
  const next = { ...current }
  for (const [name, value] of Object.entries(changes)) {
    for (const existing of Object.keys(next)) if (existing.toLowerCase() === name.toLowerCase()) delete next[existing]
    if (value !== null) next[name] = value
  }
  return next
}

/**
 * Server-side secrets of saved services (API keys, Authorization headers) that the proxy adds when it
 * connects. They live outside the project folder, in `<dataDir>/secrets/<project>.json` with mode 0600,
 * so they are never committed with the project nor sent to a browser — the API only reveals header names.
 */
export class SecretsStore {
  private readonly dir: string
  private readonly queues = new Map<string, Promise<void>>()

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'secrets')
  }

  private fileOf(project: string): string {
    return join(this.dir, `${checkName('project', project)}.json`)
  }

  private async read(project: string): Promise<SecretsFile> {
    return ((await readJsonFile(this.fileOf(project))) as SecretsFile | null) ?? {}
  }

  private async write(project: string, secrets: SecretsFile): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 })
    await chmod(this.dir, 0o700)
    await writeFileAtomic(this.fileOf(project), toFileJson(secrets), 0o600)
  }

  /** The headers to add when connecting to the service (empty when none are stored). */
  async headersFor(project: string, service: string): Promise<Record<string, string>> {
    const secrets = await this.read(project)
    const stored = Object.hasOwn(secrets, service) ? (secrets[service]?.headers ?? {}) : {}
    // A file edited by hand (or saved before cookies were refused) still cannot lend one.
    return Object.fromEntries(Object.entries(stored).filter(([name]) => !IDENTITY.test(name) && !RESERVED.test(name)))
  }

  async headerNames(project: string, service: string): Promise<string[]> {
    return Object.keys(await this.headersFor(project, service))
  }

  /**
   * Applies `changes` to the service's headers (omitted names are kept), or replaces them all with the
   * set ones when `replace` is true; returns the resulting names. No headers left removes the entry.
   */
  async updateHeaders(
    project: string,
    service: string,
    changes: SecretHeaderChanges,
    { replace = false }: { replace?: boolean } = {},
  ): Promise<string[]> {
    return this.serialized(project, async () => {
      const secrets = await this.read(project)
      const current = replace || !Object.hasOwn(secrets, service) ? {} : (secrets[service]?.headers ?? {})
      const headers = mergeSecretHeaders(current, changes)
      const names = Object.keys(headers)
      if (names.length > MAX_SECRET_HEADERS) {
        throw new ApiError(
          400,
          ApiErrorCodes.VALIDATION_FAILED,
          `A service keeps at most ${MAX_SECRET_HEADERS} headers.`,
          {
            details: [{ path: 'body.headers', message: `This would leave ${names.length}; remove some with null.` }],
          },
        )
      }
      if (names.length === 0) delete secrets[service]
      else secrets[service] = { headers }
      await this.write(project, secrets)
      return names
    })
  }

  /** Moves the secrets along when a service is renamed. */
  async rename(project: string, from: string, to: string): Promise<void> {
    await this.serialized(project, async () => {
      const secrets = await this.read(project)
      const entry = Object.hasOwn(secrets, from) ? secrets[from] : undefined
      if (!entry) return
      delete secrets[from]
      secrets[to] = entry
      await this.write(project, secrets)
    })
  }

  async remove(project: string, service: string): Promise<void> {
    await this.serialized(project, async () => {
      const secrets = await this.read(project)
      if (!Object.hasOwn(secrets, service)) return
      delete secrets[service]
      await this.write(project, secrets)
    })
  }

  /**
   * Runs read-modify-write steps on one project's file one after another: two merges arriving together
   * must both land, not the later overwrite the earlier with what it read before.
   */
  private serialized<T>(project: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(project) ?? Promise.resolve()
    const run = previous.then(task, task)
    const settled = run.then(
      () => undefined,
      () => undefined,
    )
    this.queues.set(project, settled)
    void settled.then(() => {
      if (this.queues.get(project) === settled) this.queues.delete(project)
    })
    return run
  }
}
