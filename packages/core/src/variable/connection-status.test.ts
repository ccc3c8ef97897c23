import { describe, expect, it } from 'vitest'
import { ErrorCodes, TetherError } from '../errors.js'
import { initialConnectionStatus, connectionStatusReducer as reduce } from './connection-status.js'

const lost = new TetherError(ErrorCodes.CONNECTION_LOST, 'lost')

describe('connectionStatusReducer', () => {
  it('walks connect → open → stable → lost → reconnecting → open, counting attempts since the last stable open', () => {
    let s = reduce(initialConnectionStatus, { type: 'connect' })
    expect(s).toMatchObject({ state: 'connecting', attempts: 1 })
    s = reduce(s, { type: 'opened' })
    expect(s).toMatchObject({ state: 'open', attempts: 1, lastError: null })
    s = reduce(s, { type: 'stable' })
    expect(s).toMatchObject({ state: 'open', attempts: 0 })
    s = reduce(s, { type: 'messageReceived', at: 1513152655902 })
    expect(s).toMatchObject({ messagesReceived: 1, lastMessageAt: 1513152655902 })
    s = reduce(s, { type: 'retryScheduled', at: 42, error: lost })
    expect(s).toMatchObject({
      state: 'reconnecting',
      nextRetryAt: 42,
      lastError: { code: 'TETHER_CONNECTION_LOST', message: 'lost' },
    })
    s = reduce(s, { type: 'connect' })
    expect(s).toMatchObject({ state: 'connecting', attempts: 1, nextRetryAt: null })
    s = reduce(s, { type: 'failed', error: lost })
    expect(s).toMatchObject({ state: 'error', attempts: 1 })
    s = reduce(s, { type: 'closing' })
    expect(reduce(reduce(s, { type: 'closed' }), { type: 'errorReported', error: lost })).toMatchObject({
      state: 'closed',
      lastError: { code: 'TETHER_CONNECTION_LOST' },
    })
  })

  it('returns the same object when nothing changes, and frozen objects otherwise', () => {
    const closed = reduce(initialConnectionStatus, { type: 'closed' })
    expect(reduce(closed, { type: 'closed' })).toBe(closed)
    const closing = reduce(closed, { type: 'closing' })
    expect(reduce(closing, { type: 'closing' })).toBe(closing)
    expect(Object.isFrozen(closing)).toBe(true)
  })
})
