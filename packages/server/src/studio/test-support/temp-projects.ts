import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll } from 'vitest'

const examples = fileURLToPath(new URL('../../../../../examples', import.meta.url))

/** A writable copy of the example projects, and an empty studio bundle with an index.html. */
export function tempProjects(): { projectsDir: string; studioDir: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'tether-studio-'))
  const projectsDir = join(root, 'projects')
  cpSync(examples, projectsDir, { recursive: true })
  const studioDir = join(root, 'studio')
  mkdirSync(join(studioDir, 'assets'), { recursive: true })
  writeFileSync(join(studioDir, 'index.html'), '<!doctype html><title>Tether Studio</title>')
  writeFileSync(join(studioDir, 'assets', 'app.js'), 'console.log("studio")')
  return { projectsDir, studioDir, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

/** `tempProjects()` for a suite: made in `beforeAll`, removed in `afterAll`; read it inside tests and hooks. */
export function useTempProjects(): { readonly projectsDir: string; readonly studioDir: string } {
  let files: ReturnType<typeof tempProjects> | undefined
  const made = () => {
    if (!files) throw new Error('The project files are made in beforeAll: use them inside tests or hooks.')
    return files
  }
  beforeAll(() => {
    files = tempProjects()
  })
  afterAll(() => files?.cleanup())
  return {
    get projectsDir() {
      return made().projectsDir
    },
    get studioDir() {
      return made().studioDir
    },
  }
}
