// What the studio journeys share: the server with an empty projects folder and the built studio, Chromium,
// and the first steps every journey takes (sign in, create a project).
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './chromium.mjs'
import { startServer, type TetherServer, watchPageErrors } from './harness.js'

const STUDIO_DIR = fileURLToPath(new URL('../../packages/studio/dist-app', import.meta.url))

export interface StudioInChromium {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string
  /** The server's projects folder (empty at the start), to check what the studio saved. */
  projectsDir: string
  browser: Browser
  /** The server itself, for a journey that restarts it. */
  server: TetherServer
}

/**
 * Starts the server (demo services with a reading every `heartrateIntervalMs`, an empty projects
 * folder, `env` on top: another database…) and Chromium before the suite's tests, and stops both after
 * them. The fields are set once `beforeAll` has run.
 */
export function useStudioInChromium(
  heartrateIntervalMs: number,
  /** A function is read when the server starts (e.g. PROXY_ALLOW for a service the suite starts first). */
  env: Record<string, string> | (() => Record<string, string>) = {},
): StudioInChromium {
  const journey = {} as StudioInChromium
  let server: TetherServer | undefined
  beforeAll(async () => {
    if (!existsSync(join(STUDIO_DIR, 'index.html'))) {
      throw new Error(`The studio bundle is missing (${STUDIO_DIR}). Run \`npm run build\` first, then the e2e tests.`)
    }
    journey.projectsDir = mkdtempSync(join(tmpdir(), 'tether-e2e-projects-'))
    server = await startServer({
      PROJECTS_DIR: journey.projectsDir,
      HEARTRATE_INTERVAL_MS: String(heartrateIntervalMs),
      ...(typeof env === 'function' ? env() : env),
    })
    journey.server = server
    journey.baseUrl = server.baseUrl
    journey.browser = await launchChromium()
  })
  afterAll(async () => {
    await journey.browser?.close()
    await server?.close()
    if (journey.projectsDir) rmSync(journey.projectsDir, { recursive: true, force: true })
  })
  return journey
}

/** Fills the studio's (or the app's) sign-in form and submits it. */
export async function signIn(page: Page, username: string, password = username): Promise<void> {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/** Creates an empty project from the studio's start screen; the studio opens it on its Services section. */
export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByRole('button', { name: 'Create project' }).click()
  await page.getByRole('heading', { name: 'Web Services' }).waitFor()
}

export interface OpenStudio {
  context: BrowserContext
  page: Page
  /** Page errors and failed responses seen so far (see `watchPageErrors`). */
  errors: string[]
}

/**
 * The opening of most studio journeys: a new browser context, the studio signed in as admin and, when
 * `project` is given, a new empty project open on its Services section.
 */
export async function openStudio(
  journey: Pick<StudioInChromium, 'baseUrl' | 'browser'>,
  options: { project?: string; viewport?: { width: number; height: number } } = {},
): Promise<OpenStudio> {
  const context = await journey.browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 960 } })
  const page = await context.newPage()
  const errors = watchPageErrors(page)
  await page.goto(`${journey.baseUrl}/studio/`)
  await signIn(page, 'admin')
  if (options.project !== undefined) await createProject(page, options.project)
  return { context, page, errors }
}

/** The studio's open dialog (the bind and field pickers are <dialog> elements). */
export const dialog = (page: Page) => page.locator('dialog[open]')

/** Binds a property by clicking its source in the bind dialog's tree, as a user would. */
export async function bindByClicks(page: Page, property: string, expression: string): Promise<void> {
  await page.getByRole('button', { name: `Bind ${property}`, exact: true }).click()
  await dialog(page).locator(`[data-expression="${expression}"]`).click()
  await dialog(page).getByRole('button', { name: 'Bind', exact: true }).click()
  await dialog(page).waitFor({ state: 'detached' })
}

/** Picks a record field for a property (a chart's axes) in the field dialog. */
export async function chooseField(page: Page, property: string, field: string): Promise<void> {
  await page.getByRole('button', { name: `Choose ${property}`, exact: true }).click()
  await dialog(page).locator(`[data-field="${field}"]`).click()
  await dialog(page).getByRole('button', { name: 'Use field' }).click()
  await dialog(page).waitFor({ state: 'detached' })
}
