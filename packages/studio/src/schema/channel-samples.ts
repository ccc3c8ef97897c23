import { type ChannelInput, inferSchema, normalizeChannels } from '@tether/core'

/** Samples picked per channel, in the order the channels were first picked. */
export type ChannelSamples = Readonly<Record<string, readonly unknown[]>>

/** The samples text of a protocol service: a JSON object of each channel's samples. */
export type ParsedChannelSamples = { ok: true; byChannel: Record<string, unknown[]> } | { ok: false; error: string }

const SHAPE_HINT = 'Write the samples as { "channel": [messages…] }, or pick messages again.'

/** `{ "plant/+/temperature": [ {…}, {…} ] }` → each channel's samples; one non-array value is one sample. */
export function parseChannelSamplesText(text: string): ParsedChannelSamples {
  if (text.trim() === '') return { ok: true, byChannel: {} }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}. Fix it, or pick messages again.` }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: SHAPE_HINT }
  const byChannel: Record<string, unknown[]> = {}
  for (const [channel, samples] of Object.entries(value))
    byChannel[channel] = Array.isArray(samples) ? samples : [samples]
  return { ok: true, byChannel }
}

export const formatChannelSamples = (byChannel: ChannelSamples): string =>
  Object.keys(byChannel).length === 0 ? '' : JSON.stringify(byChannel, null, 2)

/** The samples a service's channels hold (what its settings start from). */
export function samplesOfChannels(channels: readonly ChannelInput[] | undefined): Record<string, unknown[]> {
  const byChannel: Record<string, unknown[]> = {}
  for (const channel of normalizeChannels(channels))
    if (channel.samples && channel.samples.length > 0) byChannel[channel.name] = [...channel.samples]
  return byChannel
}

/**
 * The channels with the samples picked for each and the JSON Schema inferred from them, as `tether
 * import` writes them: a channel without samples keeps none (and no inferred schema); a channel
 * messages came on that was not declared is added (a service that delivers every event).
 */
export function withChannelSamples(
  channels: readonly ChannelInput[] | undefined,
  byChannel: ChannelSamples,
): ChannelInput[] {
  const declared = normalizeChannels(channels)
  const names = [...declared.map((channel) => channel.name)]
  for (const name of Object.keys(byChannel)) if (!names.includes(name)) names.push(name)
  return names.map((name) => {
    const { samples: _samples, schema: _schema, ...channel } = declared.find((c) => c.name === name) ?? { name }
    const samples = byChannel[name] ?? []
    // A channel written as its name alone stays so: saving must not rewrite what it did not change.
    if (samples.length === 0) return Object.keys(channel).length === 1 ? name : channel
    return {
      ...channel,
      samples: [...samples],
      schema: inferSchema([...samples], { name }).jsonSchema as Record<string, unknown>,
    }
  })
}
