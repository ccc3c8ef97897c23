// What every browser journey needs: a real Tether server in-process (SQLite in a temp dir, demo users,
// the example projects and the built app bundle) and Chromium driven by playwright-core.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp, loadConfig } from '@tether/server'
import type { Page } from 'playwright-core'

export { hasChromium, launchChromium } from './chromium.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
export const APP_DIR = join(root, 'packages/react/dist-app')
export const EXAMPLES_DIR = join(root, 'examples')
export const SCREENSHOTS_DIR = join(root, 'docs/screenshots')

async function newestSourceMtime(dir: string): Promise<number> {
  let newest = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    const mtime = entry.isDirectory() ? await newestSourceMtime(path) : statSync(path).mtimeMs
    newest = Math.max(newest, mtime)
  }
  return newest
}

/** Fails with what to do when the app bundle is missing; warns when it is older than its sources. */
async function checkAppBundle(): Promise<void> {
  const index = join(APP_DIR, 'index.html')
  if (!existsSync(index)) {
    throw new Error(`The browser app bundle is missing (${index}). Run \`npm run build\` first, then the e2e tests.`)
  }
  const sources = Math.max(
    await newestSourceMtime(join(root, 'packages/react/src')),
    await newestSourceMtime(join(root, 'packages/core/src')),
  )
  if (statSync(index).mtimeMs < sources) {
    console.warn(
      '[e2e] packages/react/dist-app is older than the sources; run `npm run build` to test the current code.',
    )
  }
}

export interface TetherServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string
  close(): Promise<void>
}

/** Starts the real server on an ephemeral port with a fresh database and readings every 500 ms. */
export async function startTetherServer(): Promise<TetherServer> {
  await checkAppBundle()
  const dataDir = mkdtempSync(join(tmpdir(), 'tether-e2e-'))
  const app = await buildApp(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      HEARTRATE_INTERVAL_MS: '500',
      LOG_LEVEL: 'silent',
      TETHER_DEMO: '1',
      PROJECTS_DIR: EXAMPLES_DIR,
      APP_DIR,
    }),
  )
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    baseUrl: address,
    async close() {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
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

/** Saves a screenshot for the README under docs/screenshots/. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS_DIR, name), type: 'png' })
}
