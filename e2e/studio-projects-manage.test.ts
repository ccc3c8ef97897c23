// Journey: projects are managed from the studio's start screen. The Heartrate project is exported as a
// zip, deleted (after a confirmation) and imported back, byte for byte; a file that is not a project zip
// is refused and changes nothing; a project is duplicated and the copy renamed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_BUNDLE_DIR } from './support/app-bundle.mjs'
import { hasChromium, launchChromium, startServer, type TetherServer, watchPageErrors } from './support/harness.js'
import { signIn } from './support/studio.js'

/** Every file of a folder with its bytes (base64), by relative path. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry)
      if (statSync(path).isDirectory()) walk(path)
      else files[relative(dir, path)] = readFileSync(path).toString('base64')
    }
  }
  walk(dir)
  return files
}

describe.skipIf(!hasChromium())('studio: export, delete, import, duplicate and rename projects', () => {
  let server: TetherServer
  let browser: Browser
  let downloads: string

  beforeAll(async () => {
    downloads = mkdtempSync(join(tmpdir(), 'tether-e2e-downloads-'))
    server = await startServer({ APP_DIR: APP_BUNDLE_DIR })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    if (downloads) rmSync(downloads, { recursive: true, force: true })
  })

  it('restores an exported, deleted project byte for byte by importing it', async () => {
    const projectsDir = join(server.dataDir, 'projects')
    const projects = () => readdirSync(projectsDir).sort()
    const original = snapshot(join(projectsDir, 'heartrate'))
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true })
    const page = await context.newPage()
    const errors = watchPageErrors(page)
    const names = ['hr_copy', 'hr2']
    const questions: string[] = []
    page.on('dialog', (dialog) => {
      questions.push(dialog.message())
      void (dialog.type() === 'prompt' ? dialog.accept(names.shift()) : dialog.accept())
    })
    await page.goto(`${server.baseUrl}/studio/`)
    await signIn(page, 'admin')
    const card = (name: string) => page.locator(`[data-project="${name}"]`)
    await card('heartrate').waitFor()

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export heartrate' }).click(),
    ])
    const zip = join(downloads, 'heartrate.zip')
    await download.saveAs(zip)

    await page.getByRole('button', { name: 'Delete heartrate' }).click()
    await card('heartrate').waitFor({ state: 'detached' })
    expect(questions.at(-1)).toContain('Delete the project "heartrate"')
    expect(projects()).toEqual(['chatroom', 'plants'])

    // Not a project zip: refused, nothing written.
    const importField = page.getByLabel('Project zip (as Export makes it)')
    await importField.setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('notes') })
    await page.getByRole('alert').filter({ hasText: 'not a zip' }).waitFor()
    expect(projects()).toEqual(['chatroom', 'plants'])

    await importField.setInputFiles(zip)
    await card('heartrate').waitFor()
    expect(snapshot(join(projectsDir, 'heartrate'))).toEqual(original)

    await page.getByRole('button', { name: 'Duplicate heartrate' }).click()
    await card('hr_copy').waitFor()
    await page.getByRole('button', { name: 'Rename hr_copy' }).click()
    await card('hr2').waitFor()
    expect(projects()).toEqual(['chatroom', 'heartrate', 'hr2', 'plants'])
    expect(JSON.parse(readFileSync(join(projectsDir, 'hr2', 'tether.json'), 'utf8')).name).toBe('hr2')

    expect(errors.filter((e) => e !== 'HTTP 400 /api/studio/projects/import')).toEqual([])
    await context.close()
  }, 120_000)
})
