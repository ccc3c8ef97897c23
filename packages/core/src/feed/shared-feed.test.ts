import { describe, expect, it } from 'vitest'
import { ErrorCodes, isTetherError, type TetherError } from '../errors.js'
import { defineWebSocketService } from '../service/index.js'
import { encodeFeedError, encodeFeedMessage, encodeFeedStatus, readFeedFrame } from './feed-frames.js'
import { SHARED_FEED_DEFAULTS, sharedFeedBuffer } from './shared-feed.js'

function rejected(input: unknown): TetherError {
  try {
    defineWebSocketService(input as never)
  } catch (error) {
    if (isTetherError(error, ErrorCodes.INVALID_SERVICE_DEFINITION)) return error
    throw error
  }
  throw new Error('expected the definition to be rejected')
}

describe('shared services', () => {
  it('accepts shared: true or bounds, through the proxy, and resolves the buffer', () => {
    const feed = defineWebSocketService({ name: 'prices', url: 'wss://x/prices', useProxy: true, shared: true })
    expect(sharedFeedBuffer(feed.definition.shared)).toEqual(SHARED_FEED_DEFAULTS)
    const bounded = defineWebSocketService({
      name: 'prices',
      url: 'wss://x/prices',
      useProxy: true,
      shared: { bufferMessages: 5 },
    })
    expect(sharedFeedBuffer(bounded.definition.shared)).toEqual({ bufferMessages: 5, bufferSeconds: 300 })
    expect(sharedFeedBuffer(undefined)).toBeNull()
    expect(sharedFeedBuffer(false)).toBeNull()
  })

  it('rejects a shared service without the proxy and bounds beyond the maxima, with their paths', () => {
    expect(rejected({ name: 'p', url: 'ws://x/p', shared: true }).details).toEqual([
      { path: 'shared', message: expect.stringContaining('useProxy') },
    ])
    const error = rejected({
      name: 'p',
      url: 'ws://x/p',
      useProxy: true,
      shared: { bufferMessages: 10_001, bufferSeconds: 0 },
    })
    expect(error.details.map((d) => d.path).sort()).toEqual(['shared.bufferMessages', 'shared.bufferSeconds'])
    expect(error.message).toContain('at most 10,000')
    expect(rejected({ name: 'p', url: 'ws://x/p', useProxy: true, shared: 'yes' }).details[0]?.path).toBe('shared')
    expect(rejected({ name: 'p', url: 'ws://x/p', useProxy: true, shared: true, protocol: 'mqtt' }).details).toEqual([
      { path: 'shared', message: expect.stringContaining('Only plain WebSocket services') },
    ])
    expect(
      defineWebSocketService({ name: 'p', url: 'ws://x/p', useProxy: true, shared: true, protocol: 'websocket' }).name,
    ).toBe('p')
  })
})

describe('feed frames', () => {
  it('round-trip messages, upstream status and errors', () => {
    expect(readFeedFrame(encodeFeedMessage(7, '{"price":1}'))).toEqual({ kind: 'message', seq: 7, data: '{"price":1}' })
    expect(readFeedFrame(encodeFeedMessage(8, { base64: btoa('\u0001\u0002') }))).toEqual({
      kind: 'message',
      seq: 8,
      data: new Uint8Array([1, 2]),
    })
    expect(readFeedFrame(encodeFeedStatus({ state: 'reconnecting', attempts: 2 }))).toEqual({
      kind: 'upstream',
      upstream: { state: 'reconnecting', attempts: 2 },
    })
    expect(readFeedFrame(encodeFeedError('TETHER_FEED_READ_ONLY', 'no'))).toEqual({
      kind: 'error',
      code: 'TETHER_FEED_READ_ONLY',
      message: 'no',
    })
  })

  it('reads anything else as invalid', () => {
    for (const raw of ['', 'hello', '[]', '{"seq":"1","text":"x"}', '{"upstream":{"state":"maybe"}}', '{"seq":1}'])
      expect(readFeedFrame(raw)).toEqual({ kind: 'invalid' })
  })
})
