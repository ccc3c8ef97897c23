import { Deque } from '../dataset/Deque.js'

/** A message waiting to go out: its data (already a frame for a bare WebSocket) and its channel. */
export interface OutgoingMessage {
  readonly data: unknown
  readonly channel: string | undefined
}

export const DEFAULT_SEND_QUEUE_LIMIT = 100

/**
 * Messages sent while the connection is not open, kept in order until it opens. Bounded: `offer`
 * returns false when full so the caller can report SEND_QUEUE_FULL instead of growing without limit.
 */
export class SendQueue<T = OutgoingMessage> {
  private readonly items = new Deque<T>()

  constructor(readonly limit: number = DEFAULT_SEND_QUEUE_LIMIT) {}

  get size(): number {
    return this.items.size
  }

  offer(item: T): boolean {
    if (this.items.size >= this.limit) return false
    this.items.pushBack(item)
    return true
  }

  /** Removes the first item `matches` accepts; true when one was removed. */
  removeFirst(matches: (item: T) => boolean): boolean {
    for (let index = 0; index < this.items.size; index++) {
      if (matches(this.items.at(index) as T)) {
        this.items.removeAt(index)
        return true
      }
    }
    return false
  }

  /** Takes every item, oldest first, leaving the queue empty. */
  drain(): T[] {
    const all = this.items.toArray()
    this.items.clear()
    return all
  }

  /** Puts items back at the front (used when a flush stops half-way), keeping their order. */
  restore(items: T[]): void {
    for (let i = items.length - 1; i >= 0; i--) this.items.pushFront(items[i] as T)
  }

  clear(): void {
    this.items.clear()
  }
}
