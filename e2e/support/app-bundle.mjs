// Browser tests and the rendering benchmark must run the current code: whether packages/react/dist-app
// is missing or older than the react/core sources, and a production build of it. Plain .mjs so that
// bench/browser-render.mjs can import it under Node without a TypeScript step.
//
// Test files run in parallel workers, so `ensureCurrentAppBundle` holds a lock directory while it builds
// (mkdir is atomic); a worker that finds it waits for the other's build instead of starting its own.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const reactDir = join(root, 'packages/react')
export const APP_BUNDLE_DIR = join(reactDir, 'dist-app')
const LOCK = join(tmpdir(), 'tether-dist-app.building')
// A lock older than this is left over from a killed run.
const STALE_LOCK_MS = 5 * 60_000

/** @param {string} dir */
function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** @returns {'missing' | 'stale' | 'current'} `stale`: older than a react or core source file. */
export function appBundleState() {
  const index = join(APP_BUNDLE_DIR, 'index.html')
  if (!existsSync(index)) return 'missing'
  const sources = Math.max(newestMtime(join(reactDir, 'src')), newestMtime(join(root, 'packages/core/src')))
  return statSync(index).mtimeMs < sources ? 'stale' : 'current'
}

/** Builds dist-app with Vite for production; throws when the build fails. @param {'error' | 'warn'} logLevel */
export function buildAppBundle(logLevel = 'error') {
  const vite = join(root, 'node_modules/vite/bin/vite.js')
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', logLevel], {
    cwd: reactDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (built.status !== 0) throw new Error('building packages/react/dist-app failed (see the output above)')
}

function tryLock() {
  try {
    mkdirSync(LOCK)
    return true
  } catch {
    if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
      rmSync(LOCK, { recursive: true, force: true })
    return false
  }
}

/** Builds dist-app when it is missing or stale, once across parallel test workers. */
export async function ensureCurrentAppBundle(timeoutMs = 110_000) {
  const deadline = Date.now() + timeoutMs
  while (appBundleState() !== 'current') {
    if (tryLock()) {
      try {
        if (appBundleState() === 'current') return
        buildAppBundle()
        return
      } finally {
        rmSync(LOCK, { recursive: true, force: true })
      }
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another worker to build ${APP_BUNDLE_DIR}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
