import { inferSchema } from '@tether/core'
import { describe, expect, it } from 'vitest'
import {
  formatChannelSamples,
  parseChannelSamplesText,
  samplesOfChannels,
  withChannelSamples,
} from './channel-samples.js'

describe('samples per channel', () => {
  it('reads the text as each channel’s samples and says how to fix any other shape', () => {
    const text = formatChannelSamples({ prices: [{ symbol: 'ACME', price: 12.5 }], news: [{ title: 'Up' }] })
    expect(parseChannelSamplesText(text)).toEqual({
      ok: true,
      byChannel: { prices: [{ symbol: 'ACME', price: 12.5 }], news: [{ title: 'Up' }] },
    })
    expect(parseChannelSamplesText('{"prices": {"price": 1}}')).toEqual({
      ok: true,
      byChannel: { prices: [{ price: 1 }] },
    })
    expect(parseChannelSamplesText('')).toEqual({ ok: true, byChannel: {} })
    expect(parseChannelSamplesText('[{"price": 1}]')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"channel"'),
    })
    expect(parseChannelSamplesText('{')).toMatchObject({ ok: false, error: expect.stringContaining('Not valid JSON') })
  })

  it('saves each channel’s samples and inferred schema, as `tether import` does, keeping the channel’s own fields', () => {
    const channels = withChannelSamples(
      [
        { name: 'plant/+/temperature', qos: 1, samples: [{ old: true }], schema: { type: 'object' } },
        'plant/+/status',
        'plant/+/water',
      ],
      { 'plant/+/status': [{ id: 'basil', state: 'ok' }], 'plant/+/alarm': [{ id: 'fern', level: 2 }] },
    )
    expect(channels).toEqual([
      { name: 'plant/+/temperature', qos: 1 },
      {
        name: 'plant/+/status',
        samples: [{ id: 'basil', state: 'ok' }],
        schema: inferSchema([{ id: 'basil', state: 'ok' }], { name: 'plant/+/status' }).jsonSchema,
      },
      'plant/+/water',
      {
        name: 'plant/+/alarm',
        samples: [{ id: 'fern', level: 2 }],
        schema: inferSchema([{ id: 'fern', level: 2 }], { name: 'plant/+/alarm' }).jsonSchema,
      },
    ])
    expect(samplesOfChannels(channels)).toEqual({
      'plant/+/status': [{ id: 'basil', state: 'ok' }],
      'plant/+/alarm': [{ id: 'fern', level: 2 }],
    })
  })
})
