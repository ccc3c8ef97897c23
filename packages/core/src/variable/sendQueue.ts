import { Deque } from '../dataset/Deque.js'

/** A frame as it goes on the wire. */
export type OutgoingFrame = string | ArrayBufferLike | ArrayBufferView | Blob

export const DEFAULT_SEND_QUEUE_LIMIT = 100

/**
 * Messages sent while the socket is not open, kept in order until it opens. Bounded: `offer` returns
 * false when full so the caller can report SEND_QUEUE_FULL instead of growing without limit.
 */
export class SendQueue {
  private readonly frames = new Deque<OutgoingFrame>()

  constructor(readonly limit: number = DEFAULT_SEND_QUEUE_LIMIT) {}

  get size(): number {
    return this.frames.size
  }

  offer(frame: OutgoingFrame): boolean {
    if (this.frames.size >= this.limit) return false
    this.frames.pushBack(frame)
    return true
  }

  /** Removes the first frame equal to `frame` (strings by value); true when one was removed. */
  removeFirst(frame: OutgoingFrame): boolean {
    const index = this.frames.indexOf(frame)
    if (index < 0) return false
    this.frames.removeAt(index)
    return true
  }

  /** Takes every frame, oldest first, leaving the queue empty. */
  drain(): OutgoingFrame[] {
    const all = this.frames.toArray()
    this.frames.clear()
    return all
  }

  /** Puts frames back at the front (used when a flush stops half-way), keeping their order. */
  restore(frames: OutgoingFrame[]): void {
    for (let i = frames.length - 1; i >= 0; i--) this.frames.pushFront(frames[i] as OutgoingFrame)
  }

  clear(): void {
    this.frames.clear()
  }
}
