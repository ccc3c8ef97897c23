import type { BinaryPayloadFormat } from '@tether/core'

/** How many live messages the test panel keeps; older ones are dropped (and counted) so memory stays bounded. */
export const LIVE_MESSAGE_LIMIT = 200

/** How many messages one recording keeps; recording stops (and says so) when it is reached. */
export const RECORDING_LIMIT = 5000

/** One message as received by the test panel. */
export interface LiveMessage {
  /** Increasing per connection; stable key for lists and selections. */
  id: number
  /** Epoch ms when it arrived. */
  receivedAt: number
  /** Size in bytes (UTF-8 for text). */
  size: number
  /** The text of a text frame, or null for a binary frame. */
  text: string | null
  /** The bytes of a binary frame, or null for a text frame. */
  bytes: Uint8Array | null
  /**
   * The channel it came on, for a service with a protocol (Socket.IO event, STOMP destination, MQTT topic
   * filter, GraphQL subscription, SSE event); undefined for a bare WebSocket.
   */
  channel?: string
  /** Binary bytes decoded as MessagePack, CBOR or Protocol Buffers: the value, or the coded reason it failed. */
  decoded?: DecodedPayload
}

/** What decoding a binary message gave: its value, or the coded error (the bytes stay in the message). */
export type DecodedPayload =
  | { format: BinaryPayloadFormat; value: unknown }
  | { format: BinaryPayloadFormat; error: { code: string; message: string } }

/** A bounded list: the newest `limit` items and how many older ones were dropped in total. */
export interface BoundedList<T> {
  items: readonly T[]
  dropped: number
}

export const emptyBoundedList = <T>(): BoundedList<T> => ({ items: [], dropped: 0 })

/** Appends `item`, dropping the oldest items beyond `limit`. Returns a new list (snapshots stay immutable). */
export function appendBounded<T>(list: BoundedList<T>, item: T, limit: number): BoundedList<T> {
  if (limit <= 0) return { items: [], dropped: list.dropped + 1 }
  const overflow = Math.max(0, list.items.length + 1 - limit)
  const items = overflow > 0 ? [...list.items.slice(overflow), item] : [...list.items, item]
  return { items, dropped: list.dropped + overflow }
}
