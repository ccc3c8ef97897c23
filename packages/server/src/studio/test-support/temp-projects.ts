import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
