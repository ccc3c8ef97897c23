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

/** Checks `{ headers: { name: value } }` and returns the headers, or throws 400 with each problem's path. */
export function parseSecretHeaders(body: unknown): Record<string, string> {
  const headers = (body as { headers?: unknown } | null)?.headers
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Send { "headers": { "Name": "value" } }.', {
      details: [{ path: 'body.headers', message: 'Expected an object of header names to values.' }],
    })
  }
  const details: ApiErrorDetail[] = []
  const entries = Object.entries(headers)
  if (entries.length > MAX_SECRET_HEADERS)
    details.push({ path: 'body.headers', message: `At most ${MAX_SECRET_HEADERS} headers.` })
  for (const [name, value] of entries) {
    const path = `body.headers.${name}`
    if (!HEADER_NAME.test(name)) details.push({ path, message: 'Not a valid HTTP header name.' })
    else if (RESERVED.test(name)) details.push({ path, message: 'The WebSocket handshake sets this header itself.' })
    if (typeof value !== 'string' || /[\r\n\0]/.test(value) || value.length > MAX_HEADER_VALUE)
      details.push({ path, message: `Expected a single-line text of at most ${MAX_HEADER_VALUE} characters.` })
  }
  if (details.length > 0)
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, 'Invalid secret headers.', { details })
  return headers as Record<string, string>
}

/**
 * Server-side secrets of saved services (API keys, Authorization headers) that the proxy adds when it
 * connects. They live outside the project folder, in `<dataDir>/secrets/<project>.json` with mode 0600,
 * so they are never committed with the project nor sent to a browser — the API only reveals header names.
 */
export class SecretsStore {
  private readonly dir: string

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
    return Object.hasOwn(secrets, service) ? { ...secrets[service]?.headers } : {}
  }

  async headerNames(project: string, service: string): Promise<string[]> {
    return Object.keys(await this.headersFor(project, service))
  }

  /** Replaces the service's headers; an empty object removes them. */
  async setHeaders(project: string, service: string, headers: Record<string, string>): Promise<void> {
    const secrets = await this.read(project)
    if (Object.keys(headers).length === 0) delete secrets[service]
    else secrets[service] = { headers }
    await this.write(project, secrets)
  }

  /** Moves the secrets along when a service is renamed. */
  async rename(project: string, from: string, to: string): Promise<void> {
    const secrets = await this.read(project)
    const entry = Object.hasOwn(secrets, from) ? secrets[from] : undefined
    if (!entry) return
    delete secrets[from]
    secrets[to] = entry
    await this.write(project, secrets)
  }

  async remove(project: string, service: string): Promise<void> {
    const secrets = await this.read(project)
    if (!Object.hasOwn(secrets, service)) return
    delete secrets[service]
    await this.write(project, secrets)
  }
}
