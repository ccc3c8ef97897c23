import { randomBytes } from 'node:crypto'
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { IDENTIFIER_RULE, isIdentifier } from '@tether/core'
import { isScriptFile, SCRIPT_FILE_RULE } from '@tether/runtime'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { readJsonFile } from './read-json-file.js'

/** File name suffixes inside a project folder, by kind. */
export const FILE_SUFFIX = { service: '.service.json', page: '.page.json', mock: '.mock.json' } as const
export type ProjectFileKind = keyof typeof FILE_SUFFIX
const FOLDER: Record<ProjectFileKind, string> = { service: 'services', page: 'pages', mock: 'mocks' }

/**
 * Throws 400 `TETHER_VALIDATION_FAILED` unless `name` is an identifier. Projects, services, pages and
 * mocks become file and folder names; an identifier rules out `..`, slashes and dots.
 */
export function checkName(kind: 'project' | ProjectFileKind, name: string, path: string = kind): string {
  if (!isIdentifier(name)) {
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, `"${name}" is not a valid ${kind} name.`, {
      details: [{ path, message: IDENTIFIER_RULE }],
    })
  }
  return name
}

/** JSON as saved in project files: 2-space indent and a trailing newline, so files diff well. */
export function toFileJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/**
 * Writes a file so that readers see either the old or the new content, never half of it: the text goes
 * to a temporary file in the same folder, which is then renamed over the target (atomic on one file system).
 */
export async function writeFileAtomic(path: string, text: string, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await writeFile(temp, text, { mode, flag: 'wx' })
    // writeFile's mode is filtered by the umask; secrets must end up exactly 0600.
    await chmod(temp, mode)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** Throws 400 `TETHER_VALIDATION_FAILED` unless `path` is a page script file (`scripts/<name>.js`). */
export function checkScriptPath(path: string): string {
  if (!isScriptFile(path)) {
    throw new ApiError(400, ApiErrorCodes.VALIDATION_FAILED, `"${path}" is not a page script file.`, {
      details: [{ path: 'params.path', message: SCRIPT_FILE_RULE }],
    })
  }
  return path
}

/**
 * The layout of a project folder — `tether.json`, `services/<name>.service.json`,
 * `pages/<name>.page.json`, `mocks/<name>.mock.json`, page scripts under `scripts/` — in one place: the app routes read it and the
 * studio reads and writes it. Every name is checked before it becomes a path.
 */
export class ProjectFolder {
  readonly dir: string

  constructor(
    projectsDir: string,
    readonly name: string,
  ) {
    this.dir = join(projectsDir, checkName('project', name))
  }

  get projectFile(): string {
    return join(this.dir, 'tether.json')
  }

  fileOf(kind: ProjectFileKind, name: string): string {
    return join(this.dir, FOLDER[kind], `${checkName(kind, name)}${FILE_SUFFIX[kind]}`)
  }

  /** The project file, or 404 when the folder holds no project (or it cannot be read, e.g. a folder). */
  async readProject(): Promise<Record<string, unknown>> {
    const project = await readJsonFile(this.projectFile).catch((error: unknown) => {
      if (error instanceof ApiError) throw error // not valid JSON: say so rather than "not found"
      return null
    })
    if (project === null || typeof project !== 'object') {
      throw new ApiError(404, ApiErrorCodes.PROJECT_NOT_FOUND, `No project named "${this.name}". Create it first.`)
    }
    return project as Record<string, unknown>
  }

  /** A service, page or mock file, or 404 naming what is missing. */
  async read(kind: ProjectFileKind, name: string): Promise<unknown> {
    await this.readProject()
    const content = await readJsonFile(this.fileOf(kind, name))
    if (content === null) {
      throw new ApiError(404, ApiErrorCodes.NOT_FOUND, `Project "${this.name}" has no ${kind} named "${name}".`)
    }
    return content
  }

  /** Names of the files of one kind, sorted. */
  async list(kind: ProjectFileKind): Promise<string[]> {
    let files: string[]
    try {
      files = await readdir(join(this.dir, FOLDER[kind]))
    } catch {
      return []
    }
    const suffix = FILE_SUFFIX[kind]
    return files
      .filter((file) => file.endsWith(suffix) && isIdentifier(file.slice(0, -suffix.length)))
      .map((file) => file.slice(0, -suffix.length))
      .sort()
  }

  /** Every file of one kind by name. */
  async readAll(kind: ProjectFileKind): Promise<Record<string, unknown>> {
    const entries: Record<string, unknown> = {}
    for (const name of await this.list(kind)) entries[name] = await readJsonFile(this.fileOf(kind, name))
    return entries
  }

  write(kind: ProjectFileKind, name: string, text: string): Promise<void> {
    return writeFileAtomic(this.fileOf(kind, name), text)
  }

  /** A page script's text (`scripts/main.js`), or null when there is none. The path is checked first. */
  async readScript(path: string): Promise<string | null> {
    try {
      return await readFile(join(this.dir, checkScriptPath(path)), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
  }

  writeScript(path: string, text: string): Promise<void> {
    return writeFileAtomic(join(this.dir, checkScriptPath(path)), text)
  }

  /** Removes a file; false when there was none. */
  async remove(kind: ProjectFileKind, name: string): Promise<boolean> {
    try {
      await rm(this.fileOf(kind, name))
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw error
    }
  }
}
