import { Decoder } from '@msgpack/msgpack'
import type { PayloadDecoder } from './decoder.js'

/**
 * MessagePack with the maintained `@msgpack/msgpack`: maps become objects, bin becomes `Uint8Array`,
 * timestamps become `Date`, 64-bit integers numbers. Trailing bytes after the value are an error.
 */
export function createDecoder(): PayloadDecoder {
  const decoder = new Decoder()
  return (bytes) => decoder.decode(bytes)
}
