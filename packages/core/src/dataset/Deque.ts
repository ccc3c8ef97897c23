/**
 * A double-ended queue on a growable ring buffer: push and pop at both ends and read by position in
 * O(1) (amortised when it grows), so a dataset of 10,000 records costs the same per message as one of 20.
 * Capacity is a power of two so wrapping an index is a bit mask.
 */
export class Deque<T> {
  private items: (T | undefined)[]
  private head = 0
  private count = 0

  constructor(initialCapacity = 16) {
    let capacity = 4
    while (capacity < initialCapacity) capacity *= 2
    this.items = new Array(capacity)
  }

  get size(): number {
    return this.count
  }

  /** The item at `index` (0 = front), or undefined when out of range. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined
    return this.items[(this.head + index) & (this.items.length - 1)]
  }

  /** Replaces the item at `index`; out-of-range indexes are ignored. */
  set(index: number, item: T): void {
    if (index < 0 || index >= this.count) return
    this.items[(this.head + index) & (this.items.length - 1)] = item
  }

  pushBack(item: T): void {
    if (this.count === this.items.length) this.grow()
    this.items[(this.head + this.count) & (this.items.length - 1)] = item
    this.count++
  }

  pushFront(item: T): void {
    if (this.count === this.items.length) this.grow()
    this.head = (this.head - 1) & (this.items.length - 1)
    this.items[this.head] = item
    this.count++
  }

  popFront(): T | undefined {
    if (this.count === 0) return undefined
    const item = this.items[this.head]
    this.items[this.head] = undefined // let the record be collected
    this.head = (this.head + 1) & (this.items.length - 1)
    this.count--
    return item
  }

  popBack(): T | undefined {
    if (this.count === 0) return undefined
    const index = (this.head + this.count - 1) & (this.items.length - 1)
    const item = this.items[index]
    this.items[index] = undefined
    this.count--
    return item
  }

  /** Index of the first item equal (===) to `item`, or -1. O(n); used only on the small send queue. */
  indexOf(item: T): number {
    for (let i = 0; i < this.count; i++) if (this.at(i) === item) return i
    return -1
  }

  /** Removes the item at `index` (O(n)); used only on the small send queue. */
  removeAt(index: number): void {
    if (index < 0 || index >= this.count) return
    for (let i = index; i < this.count - 1; i++) this.set(i, this.at(i + 1) as T)
    this.popBack()
  }

  clear(): void {
    this.items = new Array(this.items.length)
    this.head = 0
    this.count = 0
  }

  /** A new array, front first. Built from at most two slices (block copies): it runs once per snapshot. */
  toArray(): T[] {
    const end = this.head + this.count
    if (end <= this.items.length) return this.items.slice(this.head, end) as T[]
    return this.items.slice(this.head).concat(this.items.slice(0, end - this.items.length)) as T[]
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.items.length * 2)
    for (let i = 0; i < this.count; i++) next[i] = this.items[(this.head + i) & (this.items.length - 1)]
    this.items = next
    this.head = 0
  }
}
