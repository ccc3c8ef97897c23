// What every browser journey needs: a real Tether server in-process (SQLite in a temp dir, demo users,
// the projects and the built app bundle) and Chromium driven by playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp, loadConfig } from '@tether/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { APP_BUNDLE_DIR, appBundleState } from './app-bundle.mjs'
import { launchChromium } from './chromium.mjs'

export { hasChromium, launchChromium } from './chromium.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
export const EXAMPLES_DIR = join(root, 'examples')
// A test run writes its screenshots under e2e/artifacts/ (ignored), so running the tests never leaves
// the tracked README images changed; `UPDATE_SCREENSHOTS=1` writes them to docs/screenshots/ instead.
export const SCREENSHOTS_DIR = join(
  root,
  process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'e2e/artifacts/screenshots',
)

/** Fails with what to do when the app bundle is missing; warns when it is older than its sources. */
function checkAppBundle(): void {
  const state = appBundleState()
  if (state === 'missing') {
    throw new Error(
      `The browser app bundle is missing (${APP_BUNDLE_DIR}). Run \`npm run build\` first, then the e2e tests.`,
    )
  }
  if (state === 'stale') {
    console.warn(
      '[e2e] packages/react/dist-app is older than the sources; run `npm run build` to test the current code.',
    )
  }
}

export interface TetherServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string
  /** The server's DATA_DIR (a fresh temporary folder), deleted by `close`. */
  dataDir: string
  /**
   * Stops the server (its sockets are closed as on a real shutdown), runs `whileDown`, and starts it
   * again on the same port with the same settings and data: what a user sees when the server restarts.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>
  close(): Promise<void>
}

/**
 * Starts the real server on an ephemeral port with a fresh SQLite database and the demo users; `env`
 * adds settings (PROJECTS_DIR, APP_DIR, HEARTRATE_INTERVAL_MS…). `close` also deletes the database.
 */
/**
 * Closes the app as a real shutdown does, bounded: `npm start` exits after SHUTDOWN_TIMEOUT_MS whatever
 * is still open, which drops its connections. Known case: after a protocol detection the studio gave up
 * on mid-probe, a few HTTP connections stay open and `app.close()` waits on them (see the closing note);
 * the warning keeps that visible instead of failing every later hook on a timeout.
 */
async function stopApp(app: Awaited<ReturnType<typeof buildApp>>): Promise<void> {
  const closing = app.close()
  const timer = setTimeout(() => {
    console.warn('e2e: the server had not closed after 10 s; its open connections are dropped, as on exit')
    app.server.closeAllConnections()
  }, 10_000)
  try {
    await closing
  } finally {
    clearTimeout(timer)
  }
}

export async function startServer(env: Record<string, string>): Promise<TetherServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tether-e2e-'))
  const build = () =>
    buildApp(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', TETHER_DEMO: '1', ...env }),
    )
  let app = await build()
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const port = Number(new URL(address).port)
  return {
    baseUrl: address,
    dataDir,
    async restart(whileDown) {
      await stopApp(app)
      try {
        await whileDown?.()
      } finally {
        app = await build()
        await app.listen({ port, host: '127.0.0.1' })
      }
    },
    async close() {
      await stopApp(app)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The example projects with the built app bundle, and heartrate readings every 500 ms. */
export async function startTetherServer(): Promise<TetherServer> {
  checkAppBundle()
  return startServer({ HEARTRATE_INTERVAL_MS: '500', PROJECTS_DIR: EXAMPLES_DIR, APP_DIR: APP_BUNDLE_DIR })
}

export interface ExamplesInChromium {
  server: TetherServer
  browser: Browser
}

/**
 * For a journey through the example projects: starts their server and Chromium before the suite's
 * tests and stops both after them. The fields are set once `beforeAll` has run.
 */
export function useExamplesInChromium(): ExamplesInChromium {
  const journey = {} as ExamplesInChromium
  beforeAll(async () => {
    journey.server = await startTetherServer()
    journey.browser = await launchChromium()
  })
  afterAll(async () => {
    await journey.browser?.close()
    await journey.server?.close()
  })
  return journey
}

/**
 * Polls `probe` until it returns something other than undefined/false, or fails after `timeoutMs`
 * with `what` and the last value seen (no fixed sleeps in the tests).
 */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined && value !== false) return value
      last = value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Waits for the page's ConnectionStatus widget (`data-widget="connection"`) to reach `state`; on a
 * timeout the error shows the page's text, which says why (a load error, a refused connection…).
 */
export function waitForConnection(page: Page, state: string, timeoutMs = 15_000): Promise<true> {
  return waitUntil(
    `the connection status to be "${state}"`,
    async () => {
      const seen = await page.evaluate(() => {
        const status = document.querySelector('[data-widget="connection"]')
        return (
          status?.getAttribute('data-state') ?? `no status yet; page says: ${document.body.innerText.slice(0, 300)}`
        )
      })
      if (seen === state) return true
      throw new Error(seen)
    },
    timeoutMs,
  )
}

/**
 * Collects uncaught page errors, console errors and failed HTTP responses, so a journey can assert none
 * happened. The browser's own /favicon.ico probe is not the app's and is left out.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('response', (response) => {
    const url = new URL(response.url())
    if (response.status() >= 400 && url.pathname !== '/favicon.ico')
      errors.push(`HTTP ${response.status()} ${url.pathname}`)
  })
  page.on('console', (message) => {
    // Failed responses are reported above with their URL; the console line does not name it.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(`console.error: ${message.text()}`)
  })
  return errors
}

/** Saves a screenshot for the README (see SCREENSHOTS_DIR for where it goes). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS_DIR, name), type: 'png' })
}
