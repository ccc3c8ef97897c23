import { PROTOCOL_SUBPROTOCOLS, type ServiceProtocol } from '@tether/core'
import { forbidden } from './proxy-refusal.js'

/**
 * The subprotocols the proxy offers a saved service: the ones the browser asked for that belong to the
 * service's protocol, so a browser cannot talk the service into another protocol than the one whose
 * opening exchange the proxy watches (and puts credentials into). A protocol without subprotocols of
 * its own (`websocket`, `socket.io`) gets the browser's list as is. Throws a 4403 refusal when the
 * browser offered none of them.
 */
export function pinnedSubprotocols(protocol: ServiceProtocol, offered: readonly string[]): string[] {
  const allowed = PROTOCOL_SUBPROTOCOLS[protocol]
  if (allowed === undefined) return [...offered]
  const pinned = offered.filter((name) => allowed.includes(name))
  if (pinned.length === 0) {
    const asked = offered.length === 0 ? 'none' : offered.join(', ')
    throw forbidden(`this ${protocol} service speaks ${allowed.join(' or ')}; the browser offered ${asked}`)
  }
  return pinned
}
