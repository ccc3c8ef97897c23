import { afterEach, describe, expect, it, vi } from 'vitest'
import { Heartbeat } from './heartbeat.js'

describe('Heartbeat', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('times out only after timeoutMs without a frame, and pings every intervalMs', () => {
    vi.useFakeTimers()
    const pings: unknown[] = []
    const timeouts: number[] = []
    const beat = new Heartbeat(
      { timeoutMs: 100, intervalMs: 30, message: 'ping' },
      { ping: (m) => pings.push(m), timedOut: (idle) => timeouts.push(idle) },
    )
    beat.start()
    vi.advanceTimersByTime(80)
    beat.touch()
    vi.advanceTimersByTime(80) // 160 ms since start, 80 since the last frame
    expect(timeouts).toEqual([])
    expect(pings).toEqual(['ping', 'ping', 'ping', 'ping', 'ping']) // at 30, 60, 90, 120, 150
    vi.advanceTimersByTime(19)
    expect(timeouts).toEqual([])
    vi.advanceTimersByTime(1) // 100 ms after the last frame
    expect(timeouts).toEqual([100])
    const pingsAtTimeout = pings.length
    vi.advanceTimersByTime(1000)
    expect(timeouts.length).toBe(1)
    expect(pings.length).toBe(pingsAtTimeout) // stopped
  })

  it('stop() cancels both timers', () => {
    vi.useFakeTimers()
    const timedOut = vi.fn()
    const beat = new Heartbeat({ timeoutMs: 50 }, { ping: vi.fn(), timedOut })
    beat.start()
    beat.stop()
    vi.advanceTimersByTime(500)
    expect(timedOut).not.toHaveBeenCalled()
  })
})
