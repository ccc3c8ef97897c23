import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  defineWebSocketService,
  MAX_IDENTIFIER_LENGTH,
  serializeServiceDefinition,
  type WebSocketServiceDefinition,
} from '@tether/core'

/**
 * A service name from its URL: the last path segment (`/websocket/heartrate` → `heartrate`), else the
 * host, made an identifier (letters, digits, _; not starting with a digit).
 */
export function serviceNameFromUrl(url: URL): string {
  const segments = url.pathname.split('/').filter((s) => s !== '' && !s.includes('{'))
  const raw = decodeURIComponent(segments.at(-1) ?? '') || url.hostname.split('.')[0] || 'service'
  const name = raw.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'service'
  return (/^[0-9]/.test(name) ? `_${name}` : name).slice(0, MAX_IDENTIFIER_LENGTH)
}

/** Where a service file goes in a project folder. */
export function serviceFilePath(projectDir: string, name: string): string {
  return join(projectDir, 'services', `${name}.service.json`)
}

/**
 * Validates a definition with core and writes it in core's stable format, atomically (a temporary file in
 * the same folder renamed over the target), so an interrupted import never leaves half a file. Throws
 * core's TetherError INVALID_SERVICE_DEFINITION before writing anything.
 */
export async function writeServiceFile(path: string, definition: WebSocketServiceDefinition): Promise<string> {
  const text = serializeServiceDefinition(defineWebSocketService(definition).definition)
  await mkdir(dirname(path), { recursive: true })
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, text, { flag: 'wx' })
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  return text
}
