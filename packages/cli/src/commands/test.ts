import { type Detected, isEngineIoOpen } from '@tether/core'
import type WebSocket from 'ws'
import { headerOptions, intOption, parseCommandArgs } from '../args.js'
import { connect, describeClose, parseWebSocketUrl } from '../connect.js'
import { formatMessage, formatPayload, loadBinaryDecoders } from '../format.js'
import { CliError, type CliIo, ExitCodes } from '../io.js'
import { channelNames, channelOptions } from '../protocol/channels.js'
import { detectAfterBareSocket, detectUpFront } from '../protocol/detect.js'
import { PROTOCOL_HELP, protocolOption, protocolOptionsOption } from '../protocol/options.js'
import { type ProtocolTarget, type SessionOptions, streamProtocol, targetService } from '../protocol/session.js'

export const TEST_HELP = `Usage: tether test <url> [options]

Connects to a real-time service and prints every message as it arrives (time, size or
channel, and pretty-printed JSON, text, or hex for binary) until Ctrl-C or --count messages.

Options:
${PROTOCOL_HELP}
  --count N          stop after N messages (default: run until Ctrl-C)
  --body TEXT        send TEXT once connected (a subscribe message, for example)
  --header "N: V"    add a header to the handshake (repeatable)
  --timeout S        seconds to wait for the connection to open (default 15)
  -h, --help         show this help

Exit codes: 0 ok (Ctrl-C, --count reached, or a normal close), 1 connection failed or
closed abnormally, 2 wrong command line.

Examples:
  tether test ws://localhost:8080/websocket/heartrate --count 3
  tether test 'ws://localhost:3000/socket.io/?EIO=4&transport=websocket' --channel tick
  tether test http://localhost:4000/events --channel price
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
    protocol: { type: 'string' },
    channel: { type: 'string', multiple: true },
    options: { type: 'string' },
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
  const count = intOption('test', 'count', values.count, 0, 1, 1_000_000)
  const timeoutMs = intOption('test', 'timeout', values.timeout, 15, 1, 3600) * 1000
  const headers = headerOptions('test', values.header)
  const protocol = protocolOption('test', values.protocol)
  const protocolOptions = protocolOptionsOption('test', values.options)
  const body = typeof values.body === 'string' && values.body !== '' ? values.body : undefined
  const session: SessionOptions = { headers, timeoutMs, signal: io.signal, ...(body === undefined ? {} : { body }) }
  const runIn = (detected: Detected, url: string) =>
    runProtocol(
      {
        url,
        protocol: detected.protocol,
        channels: channelOptions('test', detected.protocol, values.channel),
        protocolOptions: { ...detected.protocolOptions, ...protocolOptions },
      },
      session,
      count,
      io,
    )

  const upFront = await detectUpFront(positionals[0] ?? '', protocol, session, io)
  if (upFront !== undefined) return runIn(upFront, positionals[0] ?? '')
  const url = parseWebSocketUrl(positionals[0], 'test')

  const ws = await connect(url, { timeoutMs, headers, signal: io.signal })
  io.stderr(
    `Connected to ${url.href}${count ? `; showing ${count} message${count === 1 ? '' : 's'}` : '; Ctrl-C to stop'}.\n`,
  )
  if (body !== undefined) ws.send(body)
  const decoders = await loadBinaryDecoders()
  let received = 0
  let engineIoOpen = false
  const end = await streamMessages(ws, io, (data, isBinary) => {
    if (protocol === undefined && received === 0 && !isBinary && isEngineIoOpen(data.toString('utf8'))) {
      engineIoOpen = true
      return 'stop'
    }
    received++
    io.stdout(formatMessage(data, isBinary, new Date(), decoders))
    return count > 0 && received >= count ? 'stop' : 'continue'
  })
  if (protocol === undefined && received === 0) {
    const detected = await detectAfterBareSocket(url.href, { engineIoOpen, ...end }, session, io)
    if (detected !== undefined) return runIn(detected, url.href)
  }
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

/** `tether test` for a service that speaks a protocol: each message printed with its channel. */
async function runProtocol(target: ProtocolTarget, session: SessionOptions, count: number, io: CliIo): Promise<number> {
  const service = targetService(target, session.headers, 'test')
  const channels = channelNames(target.channels)
  if (target.protocol === 'graphql-ws' && channels.length === 0) {
    io.stderr("note: a GraphQL service sends nothing until subscribed: add --channel 'NAME=subscription { … }'.\n")
  }
  let received = 0
  const end = await streamProtocol(
    service,
    {
      ...session,
      connected: () =>
        io.stderr(
          `Connected to ${target.url} (${target.protocol}${channels.length > 0 ? `; channels ${channels.join(', ')}` : ''})${count ? `; showing ${count} message${count === 1 ? '' : 's'}` : '; Ctrl-C to stop'}.\n`,
        ),
    },
    (payload, channel) => {
      received++
      io.stdout(formatPayload(payload, channel, new Date()))
      return count > 0 && received >= count ? 'stop' : 'continue'
    },
  )
  if (end.stoppedByUs) return ExitCodes.OK
  if (end.error !== null) {
    throw new CliError(`The connection ended after ${received} message(s): ${end.error.message}`, '')
  }
  io.stderr(`The service closed the connection. ${received} message(s) received.\n`)
  return ExitCodes.OK
}
