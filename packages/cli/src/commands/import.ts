import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  type Detected,
  IDENTIFIER_RULE,
  inferSchema,
  isEngineIoOpen,
  isIdentifier,
  isTetherError,
  type WebSocketServiceDefinition,
} from '@tether/core'
import { headerOptions, intOption, parseCommandArgs } from '../args.js'
import { connect, describeClose, parseWebSocketUrl } from '../connect.js'
import { formatMessage } from '../format.js'
import { CliError, type CliIo, ExitCodes, usageError } from '../io.js'
import { channelOptions } from '../protocol/channels.js'
import { detectAfterBareSocket, detectUpFront } from '../protocol/detect.js'
import { importChannels } from '../protocol/import-channels.js'
import { PROTOCOL_HELP, protocolOption, protocolOptionsOption } from '../protocol/options.js'
import type { SessionOptions } from '../protocol/session.js'
import { serviceFilePath, serviceNameFromUrl, writeServiceFile } from '../service-file.js'
import { streamMessages } from './test.js'

export const IMPORT_HELP = `Usage: tether import <url> [options]

Connects to a real-time service, shows its messages as they arrive, infers the message
schema from the first N text messages (for a protocol service: N per channel, one schema
per channel) and writes <project>/services/<name>.service.json.

Options:
${PROTOCOL_HELP}
  --samples N        messages to collect as samples (default 3; per channel)
  --name NAME        service name (default: the URL's last path segment)
  --project DIR      the Tether project folder (default: the current folder)
  --body TEXT        send TEXT once connected (e.g. a subscribe message); saved as the RequestBody
  --header "N: V"    add a header to the handshake (repeatable; not saved in the file)
  --timeout S        give up when the service sends nothing for S seconds (default 15)
  --force            overwrite an existing service file
  -h, --help         show this help

Exit codes: 0 written, 1 connection or service failure, 2 wrong command line.

Examples:
  tether import ws://localhost:8080/websocket/heartrate --samples 5 --project examples/heartrate
  tether import ws://localhost:3000 --protocol socket.io --channel tick --channel chat --name market
`

/** A text message as a sample: parsed JSON when it is JSON, the text otherwise. */
function toSample(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('import', argv, {
    samples: { type: 'string' },
    name: { type: 'string' },
    project: { type: 'string' },
    body: { type: 'string' },
    header: { type: 'string', multiple: true },
    timeout: { type: 'string' },
    force: { type: 'boolean' },
    protocol: { type: 'string' },
    channel: { type: 'string', multiple: true },
    options: { type: 'string' },
  })
  if (values.help) {
    io.stdout(IMPORT_HELP)
    return ExitCodes.OK
  }
  if (positionals.length > 1) throw usageError(`Expected one URL, got ${positionals.length} arguments.`, 'import')
  const wanted = intOption('import', 'samples', values.samples, 3, 1, 1000)
  const timeoutMs = intOption('import', 'timeout', values.timeout, 15, 1, 3600) * 1000
  const headers = headerOptions('import', values.header)
  const protocol = protocolOption('import', values.protocol)
  const protocolOptions = protocolOptionsOption('import', values.options)
  const bodyText = typeof values.body === 'string' && values.body !== '' ? values.body : undefined
  const session: SessionOptions = {
    headers,
    timeoutMs,
    signal: io.signal,
    ...(bodyText === undefined ? {} : { body: bodyText }),
  }
  const text = positionals[0] ?? ''
  const upFront = await detectUpFront(text, protocol, session, io)
  const url = upFront === undefined ? parseWebSocketUrl(positionals[0], 'import') : new URL(text)
  const name = typeof values.name === 'string' ? values.name : serviceNameFromUrl(url)
  if (!isIdentifier(name)) {
    throw usageError(`--name "${name}" is not a valid service name. ${IDENTIFIER_RULE}`, 'import')
  }
  const projectDir = resolve(io.cwd, typeof values.project === 'string' ? values.project : '.')
  const file = serviceFilePath(projectDir, name)
  if (existsSync(file) && !values.force) {
    throw new CliError(`${file} exists already.`, 'Choose another --name, or pass --force to overwrite it.')
  }
  if (!existsSync(resolve(projectDir, 'tether.json'))) {
    io.stderr(`note: ${projectDir} has no tether.json; the service file is written there all the same.\n`)
  }
  const body = bodyText
  const importIn = (detected: Detected, at: string) =>
    importChannels(
      {
        url: at,
        protocol: detected.protocol,
        channels: channelOptions('import', detected.protocol, values.channel),
        protocolOptions: { ...detected.protocolOptions, ...protocolOptions },
      },
      { session, wanted, name, file },
      io,
    )
  if (upFront !== undefined) return importIn(upFront, text)

  const ws = await connect(url, { timeoutMs, headers, signal: io.signal })
  io.stderr(`Connected to ${url.href}; waiting for ${wanted} sample${wanted === 1 ? '' : 's'}…\n`)
  if (body !== undefined) ws.send(body)

  const samples: unknown[] = []
  const progress = () => {
    const line = `received ${samples.length}/${wanted} samples…`
    io.stderr(io.interactive ? `\r${line}` : `${line}\n`)
  }
  let idle: NodeJS.Timeout | undefined
  let timedOut = false
  const armIdleTimer = () => {
    clearTimeout(idle)
    idle = setTimeout(() => {
      timedOut = true
      ws.terminate()
    }, timeoutMs)
  }
  armIdleTimer()
  let engineIoOpen = false
  const end = await streamMessages(ws, io, (data, isBinary) => {
    armIdleTimer()
    if (protocol === undefined && samples.length === 0 && !isBinary && isEngineIoOpen(data.toString('utf8'))) {
      engineIoOpen = true
      return 'stop'
    }
    io.stdout(formatMessage(data, isBinary, new Date()))
    if (isBinary) {
      io.stderr('note: binary message skipped; only text messages serve as samples.\n')
      return 'continue'
    }
    samples.push(toSample(data.toString('utf8')))
    progress()
    return samples.length >= wanted ? 'stop' : 'continue'
  })
  clearTimeout(idle)
  if (io.interactive && samples.length > 0) io.stderr('\n')
  if (protocol === undefined && samples.length === 0 && !timedOut) {
    const detected = await detectAfterBareSocket(url.href, { engineIoOpen, ...end }, session, io)
    if (detected !== undefined) return importIn(detected, url.href)
  }

  if (samples.length < wanted) {
    const got = `${samples.length} of ${wanted} sample${wanted === 1 ? '' : 's'}`
    const retry = samples.length > 0 ? `rerun with --samples ${samples.length}, or ` : ''
    if (timedOut) {
      throw new CliError(
        `The service sent nothing for ${timeoutMs / 1000} s (got ${got}).`,
        `Does it need a subscribe message first (--body)? Otherwise ${retry}allow more time with --timeout.`,
      )
    }
    if (io.signal.aborted) throw new CliError(`Cancelled after ${got}; nothing was written.`)
    throw new CliError(
      `The service closed the connection after ${got}: ${describeClose(end.code, end.reason)}.`,
      samples.length > 0
        ? `Rerun with --samples ${samples.length}.`
        : 'Check the URL and whether the service needs a subscribe message (--body).',
    )
  }

  const inferred = inferSchema(samples, { name })
  const definition: WebSocketServiceDefinition = {
    name,
    url: url.href,
    ...(body !== undefined ? { requestBody: body } : {}),
    samples: { ...(body !== undefined ? { request: body } : {}), responses: samples },
    schema: inferred.jsonSchema as Record<string, unknown>,
  }
  try {
    await writeServiceFile(file, definition)
  } catch (error) {
    if (isTetherError(error))
      throw new CliError(`The service definition is invalid: ${error.message}`, 'Check --name and the URL.')
    throw new CliError(
      `Cannot write ${file}: ${(error as Error).message}.`,
      'Check that the project folder exists and is writable.',
    )
  }
  io.stdout(`\nWrote ${file}\n`)
  io.stdout(`Fields${inferred.discriminator ? ` (message kinds by "${inferred.discriminator}")` : ''}:\n`)
  for (const field of inferred.fields) {
    const nullable = field.nullable && field.type !== 'null' ? ' | null' : ''
    const notes = [field.optional ? 'optional' : '', field.description].filter((n) => n !== '').join(', ')
    io.stdout(`  ${field.path || '(message)'}: ${field.type}${nullable}${notes ? `  (${notes})` : ''}\n`)
  }
  io.stdout(`\nTypeScript:\n${inferred.typescript}\n`)
  return ExitCodes.OK
}
