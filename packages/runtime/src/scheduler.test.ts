import { describe, expect, it } from 'vitest'
import { createFrameScheduler } from './scheduler.js'

/** A hand-driven animation frame: `frame()` runs what was requested since the last one. */
function manualFrames() {
  let requested: (() => void)[] = []
  return {
    requestFrame: (callback: () => void) => void requested.push(callback),
    get pending() {
      return requested.length
    },
    frame() {
      const run = requested
      requested = []
      for (const callback of run) callback()
    },
  }
}

describe('frame scheduler', () => {
  it('runs each scheduled task once per frame however often it was scheduled, and asks for one frame', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler(frames.requestFrame)
    let a = 0
    let b = 0
    const taskA = () => a++
    const taskB = () => b++
    for (let i = 0; i < 1000; i++) scheduler.schedule(taskA)
    scheduler.schedule(taskB)
    expect(frames.pending).toBe(1)
    expect([a, b]).toEqual([0, 0]) // nothing before the frame
    frames.frame()
    expect([a, b]).toEqual([1, 1])
    frames.frame()
    expect([a, b]).toEqual([1, 1])
  })

  it('a task scheduled while flushing runs in the next frame; a throwing task does not stop the others', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler(frames.requestFrame)
    const order: string[] = []
    const later = () => order.push('later')
    const original = console.error
    console.error = () => {}
    try {
      scheduler.schedule(() => {
        throw new Error('boom')
      })
      scheduler.schedule(() => {
        order.push('first')
        scheduler.schedule(later)
      })
      frames.frame()
      expect(order).toEqual(['first'])
      frames.frame()
      expect(order).toEqual(['first', 'later'])
    } finally {
      console.error = original
    }
  })

  it('flush() runs pending work now (before an action reads bound values)', () => {
    const frames = manualFrames()
    const scheduler = createFrameScheduler(frames.requestFrame)
    let ran = 0
    scheduler.schedule(() => ran++)
    scheduler.flush()
    expect(ran).toBe(1)
    frames.frame()
    expect(ran).toBe(1)
  })
})
