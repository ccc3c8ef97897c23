// One Chromium set-up for the browser tests and the rendering benchmark (plain .mjs so that
// bench/browser-render.mjs can import it under Node without a TypeScript step).
import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'

/** Debian's chromium package; the tests and the benchmark drive it through playwright-core. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

// Headless, and nothing that would reach outside 127.0.0.1 (updates, sync, QUIC probes).
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** True when Chromium is installed; otherwise prints, under `who`, why the browser runs are skipped. */
export function hasChromium(who = 'e2e') {
  if (existsSync(CHROMIUM_PATH)) return true
  console.warn(`[${who}] ${CHROMIUM_PATH} is missing: browser runs skipped (install Debian's chromium package).`)
  return false
}

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}
