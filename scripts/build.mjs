// Builds every package: TypeScript project references with `tsc -b` (incremental, so a no-op
// when nothing changed), then each browser bundle with Vite. `--if-needed` skips a Vite bundle
// whose output is newer than all of its inputs, which keeps `npm start` quick on a second run.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const ifNeeded = process.argv.includes('--if-needed')

function run(label, cmd, args, cwd = root) {
  const started = Date.now()
  process.stdout.write(`build: ${label}…\n`)
  const result = spawnSync(cmd, args, { cwd, stdio: 'inherit', shell: false })
  if (result.status !== 0) {
    console.error(
      `build: ${label} failed (exit ${result.status}). Fix the errors above and run \`npm run build\` again.`,
    )
    process.exit(result.status ?? 1)
  }
  process.stdout.write(`build: ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
}

function newestMtime(dir) {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('dist')) continue
    const path = join(dir, entry.name)
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs
    if (mtime > newest) newest = mtime
  }
  return newest
}

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
run('TypeScript (tsc -b)', process.execPath, [tsc, '-b'])

// Browser bundles: any package with a vite.config.ts. Its inputs are its own sources, core's, runtime's and react's.
const packagesDir = join(root, 'packages')
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
for (const name of readdirSync(packagesDir)) {
  const dir = join(packagesDir, name)
  if (!existsSync(join(dir, 'vite.config.ts'))) continue
  const outDir = join(dir, 'dist-app')
  if (ifNeeded && existsSync(outDir)) {
    const inputs = Math.max(
      newestMtime(dir),
      newestMtime(join(packagesDir, 'core', 'src')),
      newestMtime(join(packagesDir, 'runtime', 'src')),
      newestMtime(join(packagesDir, 'react', 'src')),
    )
    if (statSync(outDir).mtimeMs >= inputs) continue
  }
  // Vite does not type-check: the app's own tsconfig (type-check only, no output) does, first.
  const appTsconfig = ['tsconfig.app.json', 'tsconfig.json'].map((f) => join(dir, f)).find((f) => existsSync(f))
  if (appTsconfig && JSON.parse(readFileSync(appTsconfig, 'utf8')).compilerOptions?.noEmit) {
    run(`${name} app type-check`, process.execPath, [tsc, '-p', appTsconfig])
  }
  run(`${name} browser bundle (vite build)`, process.execPath, [vite, 'build', '--logLevel', 'warn'], dir)
}
