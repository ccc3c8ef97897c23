import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { defineWebSocketService, isTetherError } from '@tether/core'
import { isScriptFile, MAX_SCRIPT_BYTES, validatePage, validateProject } from '@tether/runtime'
import { parsePageScript } from '@tether/runtime/page-script'
import { strFromU8, unzipSync, zipSync } from 'fflate'
import { checkSignInProvider } from '../crud/index.js'
import { ApiError, ApiErrorCodes, type ApiErrorDetail } from '../errors/index.js'
import { parseMockSession } from '../mocks/index.js'
import { checkName } from '../projects/index.js'

/** Largest project zip accepted by import, compressed. */
export const MAX_IMPORT_BYTES = 8 * 1024 * 1024
/** Largest total size of the files inside it, uncompressed (a zip bomb stops here, before inflating). */
export const MAX_IMPORT_UNPACKED_BYTES = 32 * 1024 * 1024
/** Most files a project zip may hold. */
export const MAX_IMPORT_FILES = 2000

/** The data files a project folder may hold, by path inside it (page scripts: runtime's `isScriptFile`). */
const PROJECT_DATA_FILE =
  /^(tether\.json|services\/[A-Za-z_]\w{0,63}\.service\.json|pages\/[A-Za-z_]\w{0,63}\.page\.json|mocks\/[A-Za-z_]\w{0,63}\.mock\.json)$/

/** Why an imported page script cannot be saved (too large, or not a module that parses), or null. */
function scriptProblem(bytes: Uint8Array): string | null {
  if (bytes.byteLength > MAX_SCRIPT_BYTES) return `A page script holds at most ${MAX_SCRIPT_BYTES / 1024} KiB.`
  const parsed = parsePageScript(strFromU8(bytes))
  return parsed.ok ? null : `Line ${parsed.error.line}, column ${parsed.error.column}: ${parsed.error.message}`
}

/** Whether an archive or export may carry this file; anything else is refused on import. */
const isProjectFile = (path: string) => PROJECT_DATA_FILE.test(path) || isScriptFile(path)

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...(await listFiles(path)))
    else if (entry.isFile()) found.push(path)
  }
  return found.sort()
}

/**
 * A project folder as a zip: its files under a folder named after the project, byte for byte (the
 * server-side secrets stay on the server).
 */
export async function exportProject(dir: string, project: string): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {}
  for (const path of await listFiles(dir)) {
    const inside = relative(dir, path).split('\\').join('/')
    if (isProjectFile(inside)) entries[`${project}/${inside}`] = new Uint8Array(await readFile(path))
  }
  return zipSync(entries, { level: 6 })
}

const invalid = (message: string, details: ApiErrorDetail[]) =>
  new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, message, { details })

/**
 * Reads and checks a project zip: one top folder (the project name unless `rename` is given), only a
 * project's files, each valid (the project file and pages with the runtime's schemas, services with
 * core's, mocks with the mock format). Returns the files to write, by path inside the project folder;
 * throws `TETHER_VALIDATION_FAILED` listing every problem, so nothing is written from a bad zip.
 */
export function readProjectZip(zip: Uint8Array, rename?: string): { name: string; files: Map<string, Uint8Array> } {
  let unpacked = 0
  let count = 0
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(zip, {
      filter: (file) => {
        count++
        unpacked += file.originalSize
        if (count > MAX_IMPORT_FILES || unpacked > MAX_IMPORT_UNPACKED_BYTES) {
          throw invalid('This zip is too large for a project.', [
            {
              path: 'body',
              message: `At most ${MAX_IMPORT_FILES} files and ${MAX_IMPORT_UNPACKED_BYTES / 1024 / 1024} MiB unpacked.`,
            },
          ])
        }
        return true
      },
    })
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw invalid('This is not a zip file (or it is damaged).', [{ path: 'body', message: String(error) }])
  }
  const paths = Object.keys(entries).filter((path) => !path.endsWith('/'))
  const tops = new Set(paths.map((path) => path.split('/')[0] ?? ''))
  const [top] = tops
  if (tops.size !== 1 || top === undefined || paths.some((path) => !path.includes('/'))) {
    throw invalid('A project zip holds one folder named after the project (as Export makes it).', [
      { path: 'body', message: `Found ${[...tops].join(', ') || 'no files'} at the top.` },
    ])
  }
  const name = checkName('project', rename ?? top, rename ? 'query.name' : 'body')
  const files = new Map<string, Uint8Array>()
  const problems: ApiErrorDetail[] = []
  for (const path of paths) {
    const inside = path.slice(top.length + 1)
    if (!isProjectFile(inside)) {
      problems.push({ path: inside, message: 'Not a project file (tether.json, services/, pages/, mocks/, scripts/).' })
      continue
    }
    files.set(inside, entries[path] as Uint8Array)
  }
  const project = files.get('tether.json')
  if (!project) problems.push({ path: 'tether.json', message: 'The project file is missing.' })
  for (const [inside, bytes] of files) {
    if (isScriptFile(inside)) {
      // Checked as the script editor's Save checks it: an imported app never loads a broken module.
      const problem = scriptProblem(bytes)
      if (problem) problems.push({ path: inside, message: problem })
      continue
    }
    try {
      const value: unknown = JSON.parse(strFromU8(bytes))
      if (inside === 'tether.json') {
        const { security } = validateProject({ ...(value as object), name })
        // A provider that cannot sign anyone in is refused here as it is when the studio saves it.
        if (security.provider) checkSignInProvider(security.provider)
      } else if (inside.startsWith('pages/')) validatePage(value)
      else if (inside.startsWith('services/'))
        defineWebSocketService(value as Parameters<typeof defineWebSocketService>[0])
      else parseMockSession(value, inside)
    } catch (error) {
      const message = isTetherError(error) || error instanceof Error ? error.message : String(error)
      problems.push({ path: inside, message })
    }
  }
  if (problems.length > 0) throw invalid('The zip is not a valid project; nothing was imported.', problems)
  return { name, files }
}
