import {
  type BinaryPayloadDecoder,
  type BinaryPayloadFormat,
  detectPayloadFormat,
  ErrorCodes,
  isTetherError,
  loadPayloadDecoder,
  type PayloadFormat,
  type PayloadFormatSuggestion,
  type ProtobufPayload,
} from '@tether/core'
import type { DecodedPayload } from './message-log.js'

/** What a binary message of a service of JSON looks like, when its first bytes say MessagePack or CBOR. */
export interface DetectedFormat {
  format: 'msgpack' | 'cbor'
  reason: string
}

/** The binary formats a test recognises by their first bytes (Protocol Buffers carries no marker). */
function sniffed(suggestion: PayloadFormatSuggestion): DetectedFormat | null {
  const { format, reason } = suggestion
  return format === 'msgpack' || format === 'cbor' ? { format, reason } : null
}

/**
 * Decodes the binary messages of one test: with the service's binary `payloadFormat`, or — for a
 * service of JSON — with the format their first bytes suggest (`detectPayloadFormat`), so the panel can
 * show JSON and offer to set the format. A decoder's code loads on first use; messages wait for it in
 * arrival order (`inOrder`), so the log never shows them shuffled.
 */
export class MessageDecoder {
  private readonly decoders = new Map<BinaryPayloadFormat, BinaryPayloadDecoder | Error>()
  private readonly loading = new Map<BinaryPayloadFormat, Promise<void>>()
  private waiting: Promise<void> = Promise.resolve()
  private pending = 0
  private detected: DetectedFormat | null = null

  constructor(
    private readonly service: { payloadFormat?: PayloadFormat; protobuf?: ProtobufPayload },
    /** Told once, the first time a binary message of a JSON service looks like MessagePack or CBOR. */
    private readonly onDetected: (detected: DetectedFormat) => void,
  ) {}

  /** The format the bytes are decoded as: the service's own, else the one detected; undefined: shown as hex. */
  private formatOf(bytes: Uint8Array): BinaryPayloadFormat | undefined {
    const own = this.service.payloadFormat
    if (own !== undefined && own !== 'json') return own
    const found = sniffed(detectPayloadFormat(bytes))
    if (found !== null && this.detected === null) {
      this.detected = found
      this.onDetected(found)
    }
    return found?.format
  }

  /**
   * Calls `deliver` with what the payload decodes to (undefined for text and unrecognised bytes): at once
   * when nothing is loading, else after the messages before it.
   */
  inOrder(payload: unknown, deliver: (decoded: DecodedPayload | undefined) => void): void {
    const format = payload instanceof Uint8Array ? this.formatOf(payload) : undefined
    const run = () => deliver(format === undefined ? undefined : this.decode(format, payload as Uint8Array))
    if (this.pending === 0 && (format === undefined || this.decoders.has(format))) {
      run()
      return
    }
    this.pending++
    const ready = format === undefined ? Promise.resolve() : this.load(format)
    this.waiting = this.waiting
      .then(() => ready)
      .then(() => {
        this.pending--
        run()
      })
  }

  private load(format: BinaryPayloadFormat): Promise<void> {
    const started = this.loading.get(format)
    if (started) return started
    const loading = loadPayloadDecoder({ payloadFormat: format, protobuf: this.service.protobuf }).then(
      (decoder) => {
        if (decoder) this.decoders.set(format, decoder)
      },
      (error: unknown) => {
        this.decoders.set(format, error instanceof Error ? error : new Error(String(error)))
      },
    )
    this.loading.set(format, loading)
    return loading
  }

  private decode(format: BinaryPayloadFormat, bytes: Uint8Array): DecodedPayload {
    const decoder = this.decoders.get(format)
    try {
      if (decoder instanceof Error) throw decoder
      if (decoder === undefined) throw new Error(`No ${format} decoder.`)
      return { format, value: decoder(bytes) }
    } catch (error) {
      const code = isTetherError(error) ? error.code : ErrorCodes.DECODE_FAILED
      return { format, error: { code, message: (error as Error).message } }
    }
  }
}
