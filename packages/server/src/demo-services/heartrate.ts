import type { WebSocket } from 'ws'
import { type ConnectionLimits, type GuardedConnection, guardConnection } from '../limits/index.js'

/** One heartrate reading, as the Heartrate Monitor example's page binds it. */
export interface HeartrateReading {
  /** Epoch milliseconds. */
  time: number
  /** Beats per minute, an integer from 60 to 100. */
  value: number
}

export const MIN_BPM = 60
export const MAX_BPM = 100
const RESTING_BPM = 80

/**
 * A smooth, bounded random walk: each step is a small random change plus a pull back toward the
 * resting rate, so values drift plausibly instead of jumping, and never leave 60–100.
 */
export function nextHeartrate(previous: number, random: () => number = Math.random): number {
  const step = (random() - 0.5) * 6 // ±3 bpm
  const pull = (RESTING_BPM - previous) * 0.08
  return Math.min(MAX_BPM, Math.max(MIN_BPM, previous + step + pull))
}

/**
 * Sends every subscriber the same reading on one shared timer per server. The timer runs only while
 * someone listens. Each subscriber gets the server's connection limits: a reader that stops reading
 * is closed with 1013 once its unsent bytes reach `maxBufferedBytes`, and dead peers are pinged out.
 */
export class HeartrateBroadcaster {
  private readonly subscribers = new Map<WebSocket, GuardedConnection>()
  private timer: NodeJS.Timeout | null = null
  private bpm = RESTING_BPM

  constructor(private readonly options: { intervalMs: number; limits: ConnectionLimits }) {}

  add(socket: WebSocket): void {
    this.subscribers.set(socket, guardConnection(socket, this.options.limits))
    socket.once('close', () => this.remove(socket))
    this.timer ??= setInterval(() => this.tick(), this.options.intervalMs)
  }

  private remove(socket: WebSocket): void {
    this.subscribers.get(socket)?.dispose()
    this.subscribers.delete(socket)
    if (this.subscribers.size === 0) this.stop()
  }

  get size(): number {
    return this.subscribers.size
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private tick(): void {
    this.bpm = nextHeartrate(this.bpm)
    const reading: HeartrateReading = { time: Date.now(), value: Math.round(this.bpm) }
    const frame = JSON.stringify(reading)
    for (const connection of this.subscribers.values()) connection.send(frame)
  }
}
