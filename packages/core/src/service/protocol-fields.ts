import type { ErrorDetail } from '../errors.js'
import { PROTOCOL_DEFINITION_RULES } from '../protocols/definitions.js'
import type { ServiceProtocol } from '../protocols/names.js'
import { zodDetails } from './zod-details.js'

const prefixed = (prefix: string, details: ErrorDetail[]): ErrorDetail[] =>
  details.map((d) => ({ path: d.path === '' ? prefix : `${prefix}.${d.path}`, message: d.message }))

/**
 * Problems with `protocolOptions` and `channels` under the rules of the definition's protocol (undefined
 * when `protocol` itself is invalid: that is reported on its own and nothing more is checked here).
 */
export function protocolDetails(raw: Record<string, unknown>, protocol: ServiceProtocol | undefined): ErrorDetail[] {
  if (protocol === undefined && raw.protocol !== undefined) return []
  const name = protocol ?? 'websocket'
  const rules = PROTOCOL_DEFINITION_RULES[name]
  const details: ErrorDetail[] = []
  if (raw.protocolOptions !== undefined) {
    if (rules.options === undefined) {
      details.push({
        path: 'protocolOptions',
        message: `A ${name} service has no protocolOptions; set "protocol" (e.g. "socket.io") or remove them.`,
      })
    } else {
      const result = rules.options.safeParse(raw.protocolOptions)
      if (!result.success) details.push(...prefixed('protocolOptions', zodDetails(result.error.issues)))
    }
  }
  if (!Array.isArray(raw.channels)) return details
  if (rules.channel === undefined) {
    if (raw.channels.length > 0)
      details.push({
        path: 'channels',
        message: `A ${name} service has no channels; set "protocol" (e.g. "socket.io"), or route by a field with routes.`,
      })
    return details
  }
  const seen = new Map<string, number>()
  for (const [index, channel] of raw.channels.entries()) {
    const path = `channels[${index}]`
    const isName = typeof channel === 'string'
    const result = rules.channel.safeParse(isName ? { name: channel } : channel)
    if (!result.success) {
      // A channel written as its name alone is located at the entry itself, not at a `.name` it does not have.
      const found = zodDetails(result.error.issues).map((d) => (isName && d.path === 'name' ? { ...d, path: '' } : d))
      details.push(...prefixed(path, found))
      continue
    }
    const channelName = (result.data as { name: string }).name
    const first = seen.get(channelName)
    if (first === undefined) seen.set(channelName, index)
    else details.push({ path, message: `Duplicate channel '${channelName}' (also at channels[${first}]).` })
  }
  return details
}
