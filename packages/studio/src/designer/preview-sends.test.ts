import { describe, expect, it } from 'vitest'
import { PREVIEW_LOG_LIMIT, PreviewSends } from './preview-sends.js'

describe('PreviewSends log', () => {
  it('keeps the newest entries up to its limit, counts the dropped ones and tells its listeners', () => {
    const sends = new PreviewSends()
    let told = 0
    const stop = sends.subscribe(() => told++)
    for (let i = 0; i < PREVIEW_LOG_LIMIT + 5; i++) sends.record('chat', 'would send', `message ${i}`)
    const log = sends.getSnapshot()
    expect(log.entries).toHaveLength(PREVIEW_LOG_LIMIT)
    expect(log.dropped).toBe(5)
    expect(log.entries[0]).toMatchObject({ service: 'chat', outcome: 'would send', text: 'message 5' })
    expect(told).toBe(PREVIEW_LOG_LIMIT + 5)
    stop()
    sends.record('chat', 'sent', new Uint8Array(3))
    expect(told).toBe(PREVIEW_LOG_LIMIT + 5)
    expect(sends.getSnapshot().entries.at(-1)?.text).toBe('(3 bytes of binary data)')
  })
})
