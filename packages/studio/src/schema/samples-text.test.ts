import { describe, expect, it } from 'vitest'
import { formatSamples, parseSamplesText } from './samples-text.js'

describe('samples text', () => {
  it('reads an array of samples, a single value as one sample, and empty text as none', () => {
    expect(parseSamplesText('[{"a":1},{"a":2}]')).toEqual({ ok: true, samples: [{ a: 1 }, { a: 2 }] })
    expect(parseSamplesText('{"a":1}')).toEqual({ ok: true, samples: [{ a: 1 }] })
    expect(parseSamplesText('  ')).toEqual({ ok: true, samples: [] })
  })

  it('explains invalid JSON', () => {
    const parsed = parseSamplesText('[{"a":}]')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(/^Not valid JSON: /)
  })

  it('round-trips through formatSamples', () => {
    const samples = [{ time: 1, value: 2 }, 'text']
    expect(parseSamplesText(formatSamples(samples))).toEqual({ ok: true, samples })
  })
})
