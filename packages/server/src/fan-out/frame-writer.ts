import type { Socket } from 'node:net'
import WebSocket, * as ws from 'ws'
import { CloseCodes, closeReason, SLOW_READER_REASON } from '../limits/index.js'

type FrameOptions = { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }
// ws's ESM entry exports its Sender; its types do not declare the static `frame` it has.
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } }
const TEXT_FRAME: FrameOptions = { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false }

/**
 * A text message as the bytes of one complete server-to-client WebSocket frame (header and payload,
 * unmasked). Encoded once per message; every viewer's socket gets the same bytes.
 */
export function encodeTextFrame(text: string): Buffer {
  return textFrameOf(Buffer.from(text))
}

/** The last payload framed and its frame: a broadcast frames each message once for all its members. */
let lastPayload: Buffer | null = null
let lastFrame: Buffer | null = null

/**
 * The frame of a text payload already encoded as UTF-8 bytes. A broadcast hands the same Buffer to
 * every member in turn, so the frame is built once and reused for all of them.
 */
export function textFrameOf(payload: Buffer): Buffer {
  if (payload !== lastPayload || lastFrame === null) {
    const parts = Sender.frame(payload, TEXT_FRAME)
    lastFrame = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts)
    lastPayload = payload
  }
  return lastFrame
}

/** Writers with frames waiting; flushed together once per event-loop turn. */
const dirty = new Set<FrameWriter>()
let flushScheduled = false

function flushAll(): void {
  flushScheduled = false
  for (const writer of dirty) writer.flush()
  dirty.clear()
}

/**
 * The fan-out engine's view of one viewer's socket. Frames are queued and written once per event-loop
 * turn, corked, so a burst of messages costs one `writev` per socket instead of two writes per message
 * (what `ws.send` does). The socket's unsent bytes are capped at `maxBytes`: a viewer that does not
 * read is closed with 1013 and its queue dropped, so it can neither grow the server's memory nor hold
 * up the others (nothing ever waits for one socket). The queue lives only until the end of the turn and
 * holds references to frames shared by every viewer, not copies.
 *
 * Frames go straight to the TCP socket under `ws`: with per-message deflate off (the server's setting),
 * `ws` writes its own frames (pings, close) synchronously too, so whole frames never interleave.
 */
export class FrameWriter {
  readonly #socket: WebSocket
  readonly #maxBytes: number
  readonly #onOverflow: () => void
  #queue: Buffer[] = []
  #queuedBytes = 0

  constructor(socket: WebSocket, maxBytes: number, onOverflow: () => void) {
    this.#socket = socket
    this.#maxBytes = maxBytes
    this.#onOverflow = onOverflow
  }

  /** Queues a frame (from `encodeTextFrame`); false when the viewer is gone or was just closed as too slow. */
  write(frame: Buffer): boolean {
    const socket = this.#socket
    if (socket.readyState !== WebSocket.OPEN) return false
    // Only bytes the socket could not send count: frames queued in this turn are shared with every
    // other viewer (a reference each, not a copy), and a burst the network takes at once is not slowness.
    if (socket.bufferedAmount + frame.length > this.#maxBytes) {
      this.#overflow()
      return false
    }
    this.#queue.push(frame)
    this.#queuedBytes += frame.length
    // The queue is bounded too: a burst of more than the cap in one turn is written out at once.
    if (this.#queuedBytes > this.#maxBytes) {
      this.flush()
      return this.#socket.readyState === WebSocket.OPEN
    }
    dirty.add(this)
    if (!flushScheduled) {
      flushScheduled = true
      setImmediate(flushAll)
    }
    return true
  }

  #overflow(): void {
    this.#queue = []
    this.#queuedBytes = 0
    this.#socket.close(CloseCodes.TRY_LATER, closeReason(SLOW_READER_REASON))
    this.#onOverflow()
  }

  /**
   * Like `write`, but first waits for the socket to drain when half the cap is in use: for a joining
   * viewer's backlog, which may be larger than the cap and must not get the viewer closed.
   */
  async writePaced(frame: Buffer): Promise<boolean> {
    if (this.#socket.bufferedAmount + this.#queuedBytes + frame.length > this.#maxBytes / 2) await this.#drained()
    return this.write(frame)
  }

  #drained(): Promise<void> {
    this.flush()
    dirty.delete(this)
    const raw = (this.#socket as unknown as { _socket?: Socket })._socket
    if (!raw || raw.destroyed || raw.writableLength === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        raw.off('drain', done)
        raw.off('close', done)
        resolve()
      }
      raw.once('drain', done)
      raw.once('close', done)
    })
  }

  flush(): void {
    const frames = this.#queue
    if (frames.length === 0) return
    this.#queue = []
    this.#queuedBytes = 0
    const raw = (this.#socket as unknown as { _socket?: Socket })._socket
    if (this.#socket.readyState !== WebSocket.OPEN || !raw || raw.destroyed) return
    // Corked in slices of a quarter of the cap: a reading peer's kernel buffer takes each slice at
    // once, so its unsent bytes stay near zero; a stalled peer's pile up and reach the cap.
    const slice = this.#maxBytes / 4
    let corked = 0
    raw.cork()
    for (const frame of frames) {
      if (raw.writableLength + frame.length > this.#maxBytes) {
        raw.uncork()
        this.#overflow()
        return
      }
      raw.write(frame)
      corked += frame.length
      if (corked >= slice) {
        raw.uncork()
        raw.cork()
        corked = 0
      }
    }
    raw.uncork()
  }
}
