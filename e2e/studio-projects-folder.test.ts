// Journey: a server started like `npm start` (no PROJECTS_DIR) keeps its projects under DATA_DIR/projects.
// The first start copies the Chat Room and Heartrate templates there, so both apps run; what the studio
// creates or saves lands in that folder, and the templates in examples/ stay byte for byte as they were.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_BUNDLE_DIR } from './support/app-bundle.mjs'
import {
  EXAMPLES_DIR,
  hasChromium,
  launchChromium,
  startServer,
  type TetherServer,
  waitForConnection,
  watchPageErrors,
} from './support/harness.js'
import { createProject, signIn } from './support/studio.js'

const PROJECT = 'projects_folder_e2e'

/** Every file under `dir` with its bytes, by relative path. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(dir, path), readFileSync(path))
    }
  }
  walk(dir)
  return files
}

describe.skipIf(!hasChromium())('projects live under DATA_DIR/projects; the examples are templates', () => {
  const templates = snapshot(EXAMPLES_DIR)
  let server: TetherServer
  let browser: Browser

  beforeAll(async () => {
    server = await startServer({ APP_DIR: APP_BUNDLE_DIR, HEARTRATE_INTERVAL_MS: '200' })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
    // Should this journey fail because the studio wrote into examples/, put the templates back.
    rmSync(join(EXAMPLES_DIR, PROJECT), { recursive: true, force: true })
    for (const [path, bytes] of templates) {
      const file = join(EXAMPLES_DIR, path)
      if (!existsSync(file) || !readFileSync(file).equals(bytes)) writeFileSync(file, bytes)
    }
  })

  it('serves every app from copies of the templates and saves studio edits beside them, never into examples/', async () => {
    const projectsDir = join(server.dataDir, 'projects')
    expect(readdirSync(projectsDir).sort()).toEqual(['chatroom', 'heartrate', 'plants'])
    const landing = await (await fetch(`${server.baseUrl}/`)).text()
    expect(landing).toContain('href="/apps/chatroom/"')
    expect(landing).toContain('href="/apps/heartrate/"')
    expect(landing).toContain('href="/apps/plants/"')

    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } })
    const app = await context.newPage()
    const appErrors = watchPageErrors(app)
    await app.goto(`${server.baseUrl}/apps/heartrate/`)
    await waitForConnection(app, 'open')
    await app.locator('[data-widget="readingsTable"] tbody tr').first().waitFor()

    // The studio: a new project, and the heartrate page saved from the designer.
    const studio = await context.newPage()
    const errors = watchPageErrors(studio)
    await studio.goto(`${server.baseUrl}/studio/`)
    await signIn(studio, 'admin')
    await createProject(studio, PROJECT)
    expect(existsSync(join(projectsDir, PROJECT, 'tether.json'))).toBe(true)

    await studio.goto(`${server.baseUrl}/studio/#/heartrate/pages/Main`)
    await studio.getByTestId('designer-canvas').waitFor()
    const pageFile = join(projectsDir, 'heartrate', 'pages', 'Main.page.json')
    const before = readFileSync(pageFile, 'utf8')
    await studio.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => studio.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1)
    // Saved files are formatted by the studio, so the copy changed where the template did not.
    expect(readFileSync(pageFile, 'utf8')).not.toBe(before)

    expect(existsSync(join(EXAMPLES_DIR, PROJECT))).toBe(false)
    const after = snapshot(EXAMPLES_DIR)
    expect([...after.keys()].sort()).toEqual([...templates.keys()].sort())
    for (const [path, bytes] of templates) expect(after.get(path)?.equals(bytes), path).toBe(true)

    expect(errors).toEqual([])
    expect(appErrors).toEqual([])
    await context.close()
  }, 120_000)
})
