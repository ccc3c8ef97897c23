import type WebSocket from 'ws'
import { headerOptions, intOption, parseCommandArgs } from '../args.js'
import { connect, describeClose, parseWebSocketUrl } from '../connect.js'
import { formatMessage } from '../format.js'
import { CliError, type CliIo, ExitCodes } from '../io.js'

export const TEST_HELP = `Usage: tether test <url> [options]

Connects to a WebSocket service and prints every message as it arrives (time, size, and
pretty-printed JSON, text, or hex for binary) until Ctrl-C or --count messages.

Options:
  --count N          stop after N messages (default: run until Ctrl-C)
  --body TEXT        send TEXT once connected (a subscribe message, for example)
  --header "N: V"    add a header to the handshake (repeatable)
  --timeout S        seconds to wait for the connection to open (default 15)
  -h, --help         show this help

Exit codes: 0 ok (Ctrl-C, --count reached, or a normal close), 1 connection failed or
closed abnormally, 2 wrong command line.

Example:
  tether test ws://localhost:8080/websocket/heartrate --count 3
`

/** Resolves once the socket closes: normally (0), abnormally (1), or because we stopped it. */
export function streamMessages(
  ws: WebSocket,
  io: CliIo,
  onMessage: (data: Buffer, isBinary: boolean) => 'continue' | 'stop',
): Promise<{ stoppedByUs: boolean; code: number; reason: string }> {
  return new Promise((resolve) => {
    let stoppedByUs = false
    const stop = () => {
      stoppedByUs = true
      ws.close(1000)
      // A peer that never answers the close handshake must not keep the command waiting.
      setTimeout(() => ws.terminate(), 2000).unref()
    }
    const onAbort = () => stop()
    io.signal.addEventListener('abort', onAbort, { once: true })
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (stoppedByUs) return
      if (onMessage(data, isBinary) === 'stop') stop()
    })
    ws.on('error', () => {}) // reported through the close code
    ws.once('close', (code: number, reason: Buffer) => {
      io.signal.removeEventListener('abort', onAbort)
      resolve({ stoppedByUs, code, reason: reason.toString() })
    })
    ws.resume()
  })
}

export async function testCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('test', argv, {
    count: { type: 'string' },
    body: { type: 'string' },
    header: { type: 'string', multiple: true },
    timeout: { type: 'string' },
  })
  if (values.help) {
    io.stdout(TEST_HELP)
    return ExitCodes.OK
  }
  if (positionals.length > 1)
    throw new CliError(
      `Expected one URL, got ${positionals.length} arguments.`,
      'Run `tether test --help`.',
      ExitCodes.USAGE,
    )
  const url = parseWebSocketUrl(positionals[0], 'test')
  const count = intOption('test', 'count', values.count, 0, 1, 1_000_000)
  const timeoutMs = intOption('test', 'timeout', values.timeout, 15, 1, 3600) * 1000
  const headers = headerOptions('test', values.header)

  const ws = await connect(url, { timeoutMs, headers, signal: io.signal })
  io.stderr(
    `Connected to ${url.href}${count ? `; showing ${count} message${count === 1 ? '' : 's'}` : '; Ctrl-C to stop'}.\n`,
  )
  if (typeof values.body === 'string' && values.body !== '') ws.send(values.body)
  let received = 0
  const end = await streamMessages(ws, io, (data, isBinary) => {
    received++
    io.stdout(formatMessage(data, isBinary, new Date()))
    return count > 0 && received >= count ? 'stop' : 'continue'
  })
  if (end.stoppedByUs) return ExitCodes.OK
  const closed = describeClose(end.code, end.reason)
  if (end.code === 1000 || end.code === 1001) {
    io.stderr(`The service closed the connection: ${closed}. ${received} message(s) received.\n`)
    return ExitCodes.OK
  }
  throw new CliError(
    `The connection closed: ${closed} after ${received} message(s).`,
    'The close code and reason come from the service (or 1006 when the network dropped).',
  )
}
