import { IMPORT_HELP, importCommand } from './commands/import.js'
import { START_HELP, startCommand } from './commands/start.js'
import { TEST_HELP, testCommand } from './commands/test.js'
import { CliError, type CliIo, ExitCodes } from './io.js'

export const HELP = `Usage: tether <command> [options]

Commands:
  import <url>     connect to a WebSocket service, infer its schema from sample messages,
                   and write <project>/services/<name>.service.json
  test <url>       show a WebSocket service's live messages
  start [project]  run the Tether server (apps, studio, demo services)

Run \`tether <command> --help\` for a command's options.
Exit codes: 0 ok, 1 failure, 2 wrong command line.
`

const COMMANDS: Record<string, { run: (argv: string[], io: CliIo) => Promise<number>; help: string }> = {
  import: { run: importCommand, help: IMPORT_HELP },
  test: { run: testCommand, help: TEST_HELP },
  start: { run: startCommand, help: START_HELP },
}

/**
 * Runs the `tether` command line and returns its exit code; all output goes through `io`, so tests run it
 * in-process. Failures are printed as `tether: <what happened>` and a line saying what to do next.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), nodeIo())
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined
    io.stdout(topic ? topic.help : HELP)
    return name === undefined ? ExitCodes.USAGE : ExitCodes.OK
  }
  const command = COMMANDS[name]
  if (!command) {
    io.stderr(`tether: unknown command "${name}".\n${HELP}`)
    return ExitCodes.USAGE
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`tether ${name}: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`)
      return error.exitCode
    }
    io.stderr(`tether ${name}: unexpected failure: ${(error as Error)?.stack ?? String(error)}\n`)
    return ExitCodes.FAILURE
  }
}
