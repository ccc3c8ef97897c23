import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildApp } from '../app.js'
import { testConfig } from '../test-support/app-helpers.js'

// Finding 16 of issue 12: a damaged or unusable DATA_DIR must stop the start with a message naming the path.
describe('an unusable DATA_DIR', () => {
  const dirs: string[] = []
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tether-data-dir-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('a damaged tether.sqlite: the error names the file and says what to do', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'tether.sqlite'), 'this is not a database, it was damaged '.repeat(200))
    const started = buildApp(testConfig({ DATA_DIR: dir }))
    await expect(started).rejects.toThrow(join(dir, 'tether.sqlite'))
    await expect(started).rejects.toThrow(/must be restored from a backup or moved away/)
  })

  it('a DATA_DIR that is a file, not a folder: the error names it', async () => {
    const file = join(tempDir(), 'not-a-folder')
    writeFileSync(file, 'x')
    await expect(buildApp(testConfig({ DATA_DIR: file }))).rejects.toThrow(
      new RegExp(
        `Could not use the SQLite database at ${file.replaceAll('/', '\\/')}.*DATA_DIR \\(${file.replaceAll('/', '\\/')}\\) must be a writable folder`,
      ),
    )
  })
})
