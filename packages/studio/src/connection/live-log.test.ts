import { describe, expect, it } from 'vitest'
import {
  clearLog,
  emptyLog,
  type LiveLog,
  messagesOn,
  newWhilePaused,
  PAUSED_MESSAGE_LIMIT,
  pauseLog,
  receiveMessage,
  resumeLog,
} from './live-log.js'
import { LIVE_MESSAGE_LIMIT, type LiveMessage } from './message-log.js'

const message = (id: number, channel?: string): LiveMessage => ({
  id,
  receivedAt: id,
  size: 2,
  text: '{}',
  bytes: null,
  channel,
})

function receiveMany(log: LiveLog, count: number, from = 1, channel?: string): LiveLog {
  let next = log
  for (let id = from; id < from + count; id++) next = receiveMessage(next, message(id, channel))
  return next
}

describe('the live log', () => {
  it('counts the messages of each channel and filters by one', () => {
    let log = emptyLog()
    log = receiveMessage(log, message(1, 'prices'))
    log = receiveMessage(log, message(2, 'news'))
    log = receiveMessage(log, message(3, 'prices'))
    expect(log.channelCounts).toEqual({ prices: 2, news: 1 })
    expect(messagesOn(log, 'prices').map((m) => m.id)).toEqual([1, 3])
    expect(messagesOn(log, null).map((m) => m.id)).toEqual([1, 2, 3])
  })

  it('holds what arrives while paused, counts it, and shows it in order on resume', () => {
    let log = receiveMany(emptyLog(), 3)
    log = pauseLog(log)
    log = receiveMany(log, 37, 4, 'prices')
    expect(log.messages.items.map((m) => m.id)).toEqual([1, 2, 3])
    expect(newWhilePaused(log)).toBe(37)
    expect(log.channelCounts).toEqual({ prices: 37 })
    log = resumeLog(log)
    expect(log.held).toBeNull()
    expect(newWhilePaused(log)).toBe(0)
    expect(log.messages.items.map((m) => m.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  it('holds at most PAUSED_MESSAGE_LIMIT while paused, still counting every one, and keeps the list bounded', () => {
    let log = pauseLog(emptyLog())
    log = receiveMany(log, PAUSED_MESSAGE_LIMIT + 5)
    expect(log.held?.items).toHaveLength(PAUSED_MESSAGE_LIMIT)
    expect(log.held?.items[0]?.id).toBe(6)
    expect(newWhilePaused(log)).toBe(PAUSED_MESSAGE_LIMIT + 5)
    log = resumeLog(log)
    expect(log.messages.items).toHaveLength(LIVE_MESSAGE_LIMIT)
    expect(log.messages.items.at(-1)?.id).toBe(PAUSED_MESSAGE_LIMIT + 5)
    expect(log.messages.dropped).toBe(PAUSED_MESSAGE_LIMIT + 5 - LIVE_MESSAGE_LIMIT)
  })

  it('clears the list and the counts, and a paused log stays paused', () => {
    let log = receiveMany(emptyLog(), 3, 1, 'news')
    log = pauseLog(log)
    log = receiveMany(log, 2, 4, 'news')
    log = clearLog(log)
    expect(log.messages.items).toEqual([])
    expect(log.channelCounts).toEqual({})
    expect(newWhilePaused(log)).toBe(0)
    expect(log.held).not.toBeNull()
    expect(pauseLog(log)).toBe(log)
    expect(resumeLog(emptyLog()).held).toBeNull()
  })
})
