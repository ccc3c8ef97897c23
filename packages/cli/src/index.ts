// @tether/cli — the `tether` command, callable in-process (tests, scripts) through `main`.
export { HELP, main } from './cli.js'
export type { CliIo } from './io.js'
export { CliError, ExitCodes } from './io.js'
