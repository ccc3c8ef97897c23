import {
  type ChannelDefinition,
  inferSchema,
  isTetherError,
  normalizeChannels,
  type WebSocketServiceDefinition,
} from '@tether/core'
import { formatPayload } from '../format.js'
import { CliError, type CliIo, ExitCodes } from '../io.js'
import { writeServiceFile } from '../service-file.js'
import { type ProtocolTarget, type SessionOptions, streamProtocol, targetService } from './session.js'

export interface ImportTarget {
  session: SessionOptions
  /** Samples per channel. */
  wanted: number
  name: string
  file: string
}

/** Whether a payload can be saved in a service file (binary and non-JSON values cannot). */
function isJsonSample(payload: unknown): boolean {
  if (payload instanceof Uint8Array || payload instanceof ArrayBuffer) return false
  try {
    return JSON.stringify(payload) !== undefined
  } catch {
    return false
  }
}

/**
 * `tether import` for a protocol service: collects `wanted` samples on every declared channel (or, with
 * none declared, `wanted` messages on whatever channels arrive), infers one schema per channel and writes
 * the service with `protocol`, `protocolOptions` and `channels`, each channel with its samples and schema.
 */
export async function importChannels(target: ProtocolTarget, plan: ImportTarget, io: CliIo): Promise<number> {
  const service = targetService(target, plan.session.headers, 'import')
  const declared = normalizeChannels(target.channels)
  const samples = new Map<string, unknown[]>(declared.map((channel) => [channel.name, []]))
  const total = () => [...samples.values()].reduce((sum, list) => sum + list.length, 0)
  const done = () =>
    declared.length > 0
      ? declared.every((channel) => (samples.get(channel.name)?.length ?? 0) >= plan.wanted)
      : total() >= plan.wanted
  const progress = () =>
    [...samples].map(([channel, list]) => `${channel} ${Math.min(list.length, plan.wanted)}/${plan.wanted}`).join(', ')

  let timedOut = false
  let idle: NodeJS.Timeout | undefined
  const stopWhenIdle = new AbortController()
  const armIdleTimer = () => {
    clearTimeout(idle)
    idle = setTimeout(() => {
      timedOut = true
      stopWhenIdle.abort()
    }, plan.session.timeoutMs)
  }
  const signal = AbortSignal.any([plan.session.signal, stopWhenIdle.signal])
  await streamProtocol(
    service,
    {
      ...plan.session,
      signal,
      connected: () => {
        io.stderr(`Connected to ${target.url} (${target.protocol}); collecting ${plan.wanted} sample(s) per channel…\n`)
        armIdleTimer()
      },
    },
    (payload, channel) => {
      armIdleTimer()
      io.stdout(formatPayload(payload, channel, new Date()))
      const key = channel ?? 'message'
      const list = samples.get(key) ?? []
      if (!samples.has(key) && declared.length === 0) samples.set(key, list)
      if (!isJsonSample(payload)) io.stderr(`note: a ${key} message that is not JSON was skipped as a sample.\n`)
      else if (list.length < plan.wanted && samples.has(key)) list.push(payload)
      io.stderr(`received ${progress()}\n`)
      return done() ? 'stop' : 'continue'
    },
  )
  clearTimeout(idle)

  if (!done()) {
    const got = progress() || 'nothing'
    if (timedOut) {
      throw new CliError(
        `The service sent nothing for ${plan.session.timeoutMs / 1000} s (got ${got}).`,
        'Check the --channel names, or allow more time with --timeout.',
      )
    }
    if (plan.session.signal.aborted) throw new CliError(`Cancelled after ${got}; nothing was written.`)
    throw new CliError(`The connection ended before enough samples arrived (got ${got}).`, 'Try fewer --samples.')
  }

  const channels: ChannelDefinition[] = [...samples].map(([channelName, list]) => {
    const declaredChannel = declared.find((channel) => channel.name === channelName) ?? { name: channelName }
    const schema = inferSchema(list, { name: channelName }).jsonSchema as Record<string, unknown>
    return { ...declaredChannel, samples: list, schema }
  })
  const definition: WebSocketServiceDefinition = {
    ...service.definition,
    name: plan.name,
    channels,
    ...(plan.session.body === undefined ? {} : { requestBody: plan.session.body }),
  }
  try {
    await writeServiceFile(plan.file, definition)
  } catch (error) {
    if (isTetherError(error))
      throw new CliError(
        `The service definition is invalid: ${error.message}`,
        'Check --name and --channel.',
        ExitCodes.FAILURE,
      )
    throw new CliError(
      `Cannot write ${plan.file}: ${(error as Error).message}.`,
      'Check that the project folder is writable.',
    )
  }
  io.stdout(`\nWrote ${plan.file}\n`)
  for (const channel of channels) {
    const inferred = inferSchema(channel.samples ?? [], { name: channel.name })
    io.stdout(`Channel ${channel.name}:\n`)
    for (const field of inferred.fields) io.stdout(`  ${field.path || '(message)'}: ${field.type}\n`)
  }
  return ExitCodes.OK
}
