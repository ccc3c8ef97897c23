import type { ProtobufPayload } from './format.js'

/**
 * Turns one message's bytes into data. Throws (anything) when the bytes are not that format; the caller
 * wraps it in a PayloadDecodeError with the bytes.
 */
export type PayloadDecoder = (bytes: Uint8Array) => unknown

/** What each format's module (`payload/<format>.ts`) exports; loaded by dynamic import. */
export interface PayloadFormatModule {
  createDecoder(protobuf?: ProtobufPayload): PayloadDecoder
}
