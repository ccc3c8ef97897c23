import { createHash } from 'node:crypto'
import type { SharedFeedBuffer } from '@tether/core'

/** Everything that makes two viewers' connections the same upstream connection. */
export interface FeedIdentity {
  /** The target URL after bindings (the proxy's resolved URL). */
  url: string
  /** The subprotocols offered upstream, in order. */
  protocols: readonly string[]
  /** The RequestBody sent on connect, if any. */
  body: string | null
  /** Server-side secret headers of the service. */
  headers: Readonly<Record<string, string>>
  buffer: SharedFeedBuffer
}

/**
 * The feed's key: a SHA-256 of its identity, stable across instances. Hashed because it names Redis
 * keys and log lines, where the secret headers must not appear.
 */
export function feedKey(identity: FeedIdentity): string {
  const headers = Object.entries(identity.headers)
    .map(([name, value]) => [name.toLowerCase(), value])
    .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1))
  const { bufferMessages, bufferSeconds } = identity.buffer
  const canonical = JSON.stringify([
    identity.url,
    identity.protocols,
    identity.body,
    headers,
    bufferMessages,
    bufferSeconds,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}
