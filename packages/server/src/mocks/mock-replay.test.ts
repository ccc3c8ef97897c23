import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LOOP_PAUSE_MS, replayMessages } from './mock-replay.js'
import type { MockMessage } from './mock-session.js'

const recording: MockMessage[] = [
  { at: 0, data: 'a' },
  { at: 1000, data: 'b' },
  { at: 1000, data: 'c' },
  { at: 3000, data: 'd' },
]

describe('replayMessages', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function play(options: { speed?: number; loop?: boolean }) {
    const sent: { data: string; at: number }[] = []
    let ended = 0
    const stop = replayMessages(recording, options, {
      send: (message) => sent.push({ data: message.data, at: Date.now() }),
      end: () => ended++,
    })
    return { sent, ended: () => ended, stop }
  }

  it('sends each message at its recorded offset, same-time messages together and in order, then ends', async () => {
    const replay = play({})
    await vi.advanceTimersByTimeAsync(999)
    expect(replay.sent.map((m) => m.data)).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(1)
    expect(replay.sent.map((m) => m.data)).toEqual(['a', 'b', 'c'])
    expect(replay.ended()).toBe(0)
    await vi.advanceTimersByTimeAsync(2000)
    expect(replay.sent).toEqual([
      { data: 'a', at: 0 },
      { data: 'b', at: 1000 },
      { data: 'c', at: 1000 },
      { data: 'd', at: 3000 },
    ])
    expect(replay.ended()).toBe(1)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(replay.sent).toHaveLength(4)
  })

  it('scales the timing by speed', async () => {
    const replay = play({ speed: 10 })
    await vi.advanceTimersByTimeAsync(300)
    expect(replay.sent.map((m) => m.at)).toEqual([0, 100, 100, 300])
    expect(replay.ended()).toBe(1)
  })

  it('loops after a pause, never ending, until stopped', async () => {
    const replay = play({ loop: true, speed: 2 })
    const round = (3000 + LOOP_PAUSE_MS) / 2
    await vi.advanceTimersByTimeAsync(round * 3)
    expect(replay.sent.map((m) => m.data).join('')).toBe('abcdabcdabcda')
    expect(replay.sent[4]?.at).toBe(round)
    expect(replay.ended()).toBe(0)
    replay.stop()
    await vi.advanceTimersByTimeAsync(round * 3)
    expect(replay.sent).toHaveLength(13)
  })

  it('does not spin on an empty loop', async () => {
    const send = vi.fn()
    const end = vi.fn()
    const stop = replayMessages([], { loop: true }, { send, end })
    await vi.advanceTimersByTimeAsync(1000)
    expect(send).not.toHaveBeenCalled()
    expect(end).toHaveBeenCalledTimes(1)
    stop()
  })
})
