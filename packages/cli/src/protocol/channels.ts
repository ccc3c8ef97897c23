import type { ChannelInput, ServiceProtocol } from '@tether/core'
import { usageError } from '../io.js'

/** The first field a GraphQL document selects (`subscription { tick { n } }` → `tick`), to name its channel. */
const FIRST_FIELD = /\{\s*([A-Za-z_][A-Za-z0-9_]*)/

/**
 * `--channel` values as channels of `protocol`. A GraphQL channel is `NAME=DOCUMENT` or the document
 * alone (named after the field it selects); every other protocol's channel is its name (an event, a
 * destination, a topic filter). Core validates them with the service.
 */
export function channelOptions(command: string, protocol: ServiceProtocol, raw: unknown): ChannelInput[] {
  const values = (Array.isArray(raw) ? raw : []).map(String)
  if (protocol !== 'graphql-ws') return values
  return values.map((value, index) => {
    const named = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]+)$/.exec(value)
    if (named) return { name: named[1] as string, query: named[2] as string }
    const field = FIRST_FIELD.exec(value)?.[1]
    if (field === undefined) {
      throw usageError(
        `--channel "${value}" is not a GraphQL subscription; give NAME=DOCUMENT, e.g. --channel 'ticks=subscription { tick { n } }'.`,
        command,
      )
    }
    return {
      name: values.slice(0, index).some((v) => FIRST_FIELD.exec(v)?.[1] === field) ? `${field}${index}` : field,
      query: value,
    }
  })
}

/** The channel names of a list of channels, in order. */
export const channelNames = (channels: readonly ChannelInput[]): string[] =>
  channels.map((channel) => (typeof channel === 'string' ? channel : channel.name))
