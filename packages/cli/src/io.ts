/**
 * Everything a command touches outside itself, so commands run the same in a terminal and in tests:
 * output streams, environment, working folder and the Ctrl-C signal.
 */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  env: Record<string, string | undefined>
  cwd: string
  /** Aborted on Ctrl-C (SIGINT) or SIGTERM: long-running commands stop cleanly. */
  signal: AbortSignal
  /** Whether stderr is a terminal: progress then rewrites one line instead of printing many. */
  interactive: boolean
}

/** Exit codes: 0 ok, 1 the command failed, 2 the command line was wrong. */
export const ExitCodes = { OK: 0, FAILURE: 1, USAGE: 2 } as const

/** A failure the user can act on: printed as `tether: <message>` plus the hint, then exit `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint = '',
    readonly exitCode: number = ExitCodes.FAILURE,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** A wrong command line (unknown option, missing argument, bad number): exit 2. */
export function usageError(message: string, command: string): CliError {
  return new CliError(message, `Run \`tether ${command} --help\` for the usage.`, ExitCodes.USAGE)
}
