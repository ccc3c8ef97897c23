// Browser tests must run the current code: builds packages/react/dist-app when it is missing or older
// than the react/core sources. Test files run in parallel workers, so the build holds a lock directory
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

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

function isCurrent(): boolean {
  const index = join(APP_BUNDLE_DIR, 'index.html')
  if (!existsSync(index)) return false
  return (
    statSync(index).mtimeMs >=
    Math.max(newestMtime(join(reactDir, 'src')), newestMtime(join(root, 'packages/core/src')))
  )
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK)
    return true
  } catch {
    if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS)
      rmSync(LOCK, { recursive: true, force: true })
    return false
  }
}

export async function ensureCurrentAppBundle(timeoutMs = 110_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!isCurrent()) {
    if (tryLock()) {
      try {
        if (isCurrent()) return
        const vite = join(root, 'node_modules/vite/bin/vite.js')
        // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
        const built = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'error'], {
          cwd: reactDir,
          stdio: 'inherit',
          env: { ...process.env, NODE_ENV: 'production' },
        })
        if (built.status !== 0) throw new Error('building packages/react/dist-app failed (see the output above)')
        return
      } finally {
        rmSync(LOCK, { recursive: true, force: true })
      }
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another worker to build ${APP_BUNDLE_DIR}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
