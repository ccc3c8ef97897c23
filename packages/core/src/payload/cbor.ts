// The no-eval build: the default one probes `new Function` when it loads and builds record readers with it.
import { Decoder } from 'cbor-x/decode-no-eval'
import type { PayloadDecoder } from './decoder.js'

/**
 * CBOR with the maintained `cbor-x` (its build without `new Function`): maps become objects, byte
 * strings `Uint8Array`, tag 1 a `Date`. Trailing bytes after the value are an error.
 */
export function createDecoder(): PayloadDecoder {
  const decoder = new Decoder({ mapsAsObjects: true, useRecords: false })
  return (bytes) => decoder.decode(bytes)
}
