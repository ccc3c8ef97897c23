import { chmod, mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError, ApiErrorCodes, type ApiErrorDetail } from '../errors/index.js'
import { checkName, readJsonFile, toFileJson, writeFileAtomic } from '../projects/index.js'

/**
 * A broker login the proxy puts into the protocol's own connect request: STOMP's `login`/`passcode`
 * headers, MQTT's username/password. Only the fields set are added.
 */
export interface ServiceCredentials {
  username?: string
  password?: string
}

/** What the proxy adds for one service. */
export interface ServiceSecrets {
  headers: Record<string, string>
  credentials: ServiceCredentials
}

/** `{ [service]: { headers: { name: value }, credentials?: { username, password } } }`, one file per project. */
type SecretsFile = Record<string, { headers: Record<string, string>; credentials?: ServiceCredentials }>

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

/** A change to a service's credentials: a value sets the field, `null` removes it, an omitted one is kept. */
export type CredentialChanges = { [K in keyof ServiceCredentials]?: string | null }

/** Changes to a service's secrets, as the studio sends them. */
export interface SecretChanges {
  headers: SecretHeaderChanges
  credentials: CredentialChanges
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Problems of one single-line secret value (a header value, a username, a password). */
function checkValue(path: string, value: unknown, details: ApiErrorDetail[]): void {
  if (value !== null && (typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > MAX_HEADER_VALUE))
    details.push({
      path,
      message: `Expected a single-line text of at most ${MAX_HEADER_VALUE} characters, or null to remove it.`,
    })
}

/**
 * Checks `{ headers?: { name: value | null }, credentials?: { username?, password? } }` (at least one)
 * and returns the changes, or throws 400 with each problem's path. Names differing only in case are
 * one header (HTTP names are case-insensitive), so both is an error. Credentials are single-line
 * because STOMP's CONNECT frame cannot escape a line break.
 */
export function parseSecretChanges(body: unknown): SecretChanges {
  const { headers = {}, credentials = {}, ...unknownFields } = isObject(body) ? body : {}
  if (!isObject(body) || (!('headers' in body) && !('credentials' in body)) || !isObject(headers)) {
    throw new ApiError(
      400,
      ApiErrorCodes.VALIDATION_FAILED,
      'Send { "headers": { "Name": "value" or null } } and/or { "credentials": { "username", "password" } }.',
      { details: [{ path: 'body.headers', message: 'Expected an object of header names to values (null removes).' }] },
    )
  }
  const details: ApiErrorDetail[] = Object.keys(unknownFields).map((key) => ({
    path: `body.${key}`,
    message: 'Unknown field; send headers and/or credentials.',
  }))
  if (!isObject(credentials)) {
    details.push({
      path: 'body.credentials',
      message: 'Expected { "username"?: text, "password"?: text } (null removes).',
    })
  } else {
    for (const [key, value] of Object.entries(credentials)) {
      if (key !== 'username' && key !== 'password')
        details.push({ path: `body.credentials.${key}`, message: 'Only username and password.' })
      else checkValue(`body.credentials.${key}`, value, details)
    }
  }
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
    checkValue(path, value, details)
  }
  if (details.length > 0) throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Invalid secrets.', { details })
  return { headers: headers as SecretHeaderChanges, credentials: credentials as CredentialChanges }
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
 * Server-side secrets of saved services (API keys, Authorization headers, a broker's username and
 * password) that the proxy adds when it connects. They live outside the project folder, in `<dataDir>/secrets/<project>.json` with mode 0600,
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

  /** What to add when connecting to the service (nothing when none are stored). */
  async secretsFor(project: string, service: string): Promise<ServiceSecrets> {
    const secrets = await this.read(project)
    const entry = Object.hasOwn(secrets, service) ? secrets[service] : undefined
    // A file edited by hand (or saved before cookies were refused) still cannot lend one.
    const headers = Object.entries(entry?.headers ?? {}).filter(
      ([name]) => !IDENTITY.test(name) && !RESERVED.test(name),
    )
    return { headers: Object.fromEntries(headers), credentials: { ...entry?.credentials } }
  }

  /** The names of the stored headers and credential fields: what the studio may see. */
  async secretNames(project: string, service: string): Promise<{ headers: string[]; credentials: string[] }> {
    const { headers, credentials } = await this.secretsFor(project, service)
    return { headers: Object.keys(headers), credentials: Object.keys(credentials) }
  }

  /**
   * Applies `changes` to the service's secrets (omitted names are kept), or replaces them all with the
   * set ones when `replace` is true. Nothing left removes the entry.
   */
  async update(
    project: string,
    service: string,
    changes: SecretChanges,
    { replace = false }: { replace?: boolean } = {},
  ): Promise<void> {
    await this.serialized(project, async () => {
      const secrets = await this.read(project)
      const current = replace || !Object.hasOwn(secrets, service) ? undefined : secrets[service]
      const headers = mergeSecretHeaders(current?.headers ?? {}, changes.headers)
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
      const credentials: ServiceCredentials = { ...current?.credentials }
      for (const key of ['username', 'password'] as const) {
        const change = changes.credentials[key]
        if (change === null) delete credentials[key]
        else if (change !== undefined) credentials[key] = change
      }
      const hasCredentials = Object.keys(credentials).length > 0
      if (names.length === 0 && !hasCredentials) delete secrets[service]
      else secrets[service] = { headers, ...(hasCredentials ? { credentials } : {}) }
      await this.write(project, secrets)
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

  /** A whole project's secrets follow it when it is renamed (`move`) or duplicated (copied). */
  async copyProject(from: string, to: string, move: boolean): Promise<void> {
    const secrets = await this.serialized(from, () => this.read(from))
    if (Object.keys(secrets).length > 0) await this.serialized(to, () => this.write(to, secrets))
    if (move) await this.removeProject(from)
  }

  /** Forgets a deleted project's secrets. */
  async removeProject(project: string): Promise<void> {
    await this.serialized(project, () => rm(this.fileOf(project), { force: true }))
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
