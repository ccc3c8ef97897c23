import { randomBytes } from 'node:crypto'
import { chmod, link, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError, ApiErrorCodes } from '../errors/index.js'

/** Where demo mode keeps the secret it generated, under `DATA_DIR`. */
export const SESSION_SECRET_FILE = 'session-secret'

/** The shortest secret accepted, from `SESSION_SECRET` or the file. */
export const SESSION_SECRET_MIN_CHARS = 32

/**
 * The secret signing session cookies when `SESSION_SECRET` is unset (demo mode only): read from
 * `<dataDir>/session-secret`, or generated and written there (mode 0600) on the first start. A secret
 * made up per start would turn every cookie into a forgery at each restart, logging everyone out although
 * their sessions are still in the database.
 *
 * @example
 * const secret = config.sessionSecret ?? (await loadOrCreateSessionSecret(config.dataDir))
 */
export async function loadOrCreateSessionSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, SESSION_SECRET_FILE)
  const existing = await readSecret(file)
  if (existing !== null) return existing
  await mkdir(dataDir, { recursive: true })
  const temp = join(dataDir, `.${SESSION_SECRET_FILE}-${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
    // writeFile's mode is filtered by the umask; a secret must end up exactly 0600.
    await chmod(temp, 0o600)
    // link, not rename: it refuses to replace a file, so two servers starting together on one DATA_DIR
    // keep the first one's secret and both read it back.
    await link(temp, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error
    })
  } finally {
    await rm(temp, { force: true })
  }
  const created = await readSecret(file)
  if (created === null) throw invalidFile(file, 'it disappeared while it was being created')
  return created
}

async function readSecret(file: string): Promise<string | null> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const secret = text.trim()
  if (secret.length < SESSION_SECRET_MIN_CHARS) {
    throw invalidFile(
      file,
      `it holds fewer than ${SESSION_SECRET_MIN_CHARS} characters; delete it to generate a new one`,
    )
  }
  return secret
}

function invalidFile(file: string, why: string): ApiError {
  return new ApiError(500, ApiErrorCodes.INVALID_CONFIG, `The session secret in ${file} cannot be used: ${why}.`)
}
