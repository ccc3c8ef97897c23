import { describe, expect, it } from 'vitest'
import { SendQueue } from './send-queue.js'

describe('SendQueue', () => {
  it('keeps order, refuses beyond its limit, and removes one duplicate', () => {
    const queue = new SendQueue<string>(3)
    expect(['a', 'sub', 'b'].map((f) => queue.offer(f))).toEqual([true, true, true])
    expect(queue.offer('c')).toBe(false)
    expect(queue.removeFirst((f) => f === 'sub')).toBe(true)
    expect(queue.removeFirst((f) => f === 'sub')).toBe(false)
    const frames = queue.drain()
    expect(frames).toEqual(['a', 'b'])
    expect(queue.size).toBe(0)
    queue.offer('z')
    queue.restore(frames)
    expect(queue.drain()).toEqual(['a', 'b', 'z'])
  })
})
