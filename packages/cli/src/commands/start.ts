import { existsSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { intOption, parseCommandArgs } from '../args.js'
import { CliError, type CliIo, ExitCodes, usageError } from '../io.js'

export const START_HELP = `Usage: tether start [project] [options]

Runs the Tether server. With a project folder (one holding tether.json), serves the projects
next to it (PROJECTS_DIR is set to its parent) and prints the project's app URL; without
one, serves PROJECTS_DIR, by default DATA_DIR/projects (created on first start with copies of
the bundled examples). Other settings come from the environment
(PORT, DATA_DIR, DATABASE_URL, …; see the server README). Ctrl-C stops it.

Options:
  --port N           port to listen on (default: PORT or 8080; 0 picks a free one)
  --host HOST        interface to bind (default: HOST or 0.0.0.0)
  -h, --help         show this help

Exit codes: 0 stopped with Ctrl-C, 1 the server could not start, 2 wrong command line.

Example:
  tether start examples/heartrate --port 3000
`

export async function startCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('start', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
  })
  if (values.help) {
    io.stdout(START_HELP)
    return ExitCodes.OK
  }
  if (positionals.length > 1)
    throw usageError(`Expected at most one project folder, got ${positionals.length}.`, 'start')
  const env = { ...io.env }
  if (values.port !== undefined) env.PORT = String(intOption('start', 'port', values.port, 8080, 0, 65535))
  if (typeof values.host === 'string') env.HOST = values.host
  // Request logs are for operators; a terminal session wants the URLs and warnings only.
  env.LOG_LEVEL ??= 'warn'
  let project: string | null = null
  if (positionals[0] !== undefined) {
    const dir = resolve(io.cwd, positionals[0])
    if (!existsSync(resolve(dir, 'tether.json'))) {
      throw new CliError(
        `${dir} is not a Tether project (it has no tether.json).`,
        'Give the folder of a project, e.g. examples/heartrate.',
        ExitCodes.USAGE,
      )
    }
    env.PROJECTS_DIR = dirname(dir)
    project = basename(dir)
  }

  // Loaded only here: `tether import` and `tether test` need neither Fastify nor a database driver.
  const { buildApp, loadConfig } = await import('@tether/server')
  let app: Awaited<ReturnType<typeof buildApp>>
  let port: number
  try {
    const config = loadConfig(env)
    app = await buildApp(config)
    await app.listen({ port: config.port, host: config.host })
    const address = app.server.address()
    port = typeof address === 'object' && address ? address.port : config.port
  } catch (error) {
    const { message, code } = error as { message: string; code?: string }
    const hint =
      code === 'EADDRINUSE' ? 'Another program uses that port: pick another with --port.' : 'Check the settings above.'
    throw new CliError(`The server could not start: ${message}`, hint)
  }
  const host = app.server.address()
  const shown =
    typeof host === 'object' && host && !['0.0.0.0', '::'].includes(host.address) ? host.address : 'localhost'
  const base = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`
  io.stdout(`Tether is running at ${base}/\n`)
  if (project) io.stdout(`  app:    ${base}/apps/${encodeURIComponent(project)}/\n`)
  io.stdout(`  studio: ${base}/studio/\nCtrl-C to stop.\n`)

  await new Promise<void>((done) => {
    if (io.signal.aborted) done()
    else io.signal.addEventListener('abort', () => done(), { once: true })
  })
  io.stderr('Stopping (closing WebSockets with 1001)…\n')
  await app.close()
  return ExitCodes.OK
}
