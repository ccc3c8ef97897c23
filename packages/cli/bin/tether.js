#!/usr/bin/env node
// The `tether` launcher. It is committed (unlike dist/) so that `npm ci` links the command even
// before the first build; it runs the compiled CLI, or says how to build it.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/main.js', import.meta.url)
if (!existsSync(compiled)) {
  process.stderr.write(
    'tether: the CLI is not built yet. Run `npm run build` in the repository root, then try again.\n',
  )
  process.exit(1)
}
await import(compiled.href)
