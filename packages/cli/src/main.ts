#!/usr/bin/env node
// The `tether` executable: the real process's streams and signals around `main`.
import { main } from './cli.js'
import type { CliIo } from './io.js'

const controller = new AbortController()
let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C while stopping means "now".
    if (interrupted) process.exit(130)
    interrupted = true
    controller.abort()
  })
}

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  interactive: process.stderr.isTTY === true,
}

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`tether: ${String(error)}\n`)
    process.exitCode = 1
  },
)
