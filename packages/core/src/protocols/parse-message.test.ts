import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseMessage } from './parse-message.js'
import { loadXmlParser } from './xml.js'

describe('parseMessage', () => {
  // The XML parser loads with the first XML frame; held frames are the variable's concern (xml-frames.test).
  beforeAll(() => loadXmlParser())

  it('parses the seed samples as JSON', () => {
    expect(parseMessage('{"time":1513152655902,"value":95}')).toEqual({ time: 1513152655902, value: 95 })
    expect(parseMessage('{"username":"user1","message":"hello","time":1507809721548}')).toEqual({
      username: 'user1',
      message: 'hello',
      time: 1507809721548,
    })
    expect(parseMessage('0')).toBe(0)
    expect(parseMessage('false')).toBe(false)
  })

  it('parses XML with the root element unwrapped, attributes kept', () => {
    expect(
      parseMessage('<?xml version="1.0"?><beat unit="bpm"><time>1513152655902</time><value>95</value></beat>'),
    ).toEqual({
      '@_unit': 'bpm',
      time: 1513152655902,
      value: 95,
    })
  })

  it('keeps anything else as text', () => {
    expect(parseMessage('hello')).toBe('hello')
    expect(parseMessage('{not json')).toBe('{not json')
    expect(parseMessage('<not xml')).toBe('<not xml')
    expect(parseMessage('')).toBe('')
  })

  it('allows JSON and XML whitespace before the value', () => {
    expect(parseMessage(' \r\n\t{"value":95}')).toEqual({ value: 95 })
    expect(parseMessage('\n<beat><value>95</value></beat>')).toEqual({ value: 95 })
    expect(parseMessage('   ')).toBe('   ')
  })

  it('gives what JSON.parse gives for any text JSON.parse accepts, and the text otherwise', () => {
    const whitespace = fc.stringMatching(/^[ \t\r\n]{0,3}$/)
    fc.assert(
      fc.property(whitespace, fc.json(), (lead, json) => {
        expect(parseMessage(lead + json)).toEqual(JSON.parse(json))
      }),
    )
    fc.assert(
      fc.property(fc.string(), (text) => {
        let expected: unknown = text
        try {
          expected = JSON.parse(text)
        } catch {}
        if (!text.trimStart().startsWith('<')) expect(parseMessage(text)).toEqual(expected)
      }),
    )
  })

  it('turns binary frames into bytes', () => {
    const bytes = parseMessage(new Uint8Array([1, 2, 255]).buffer)
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect([...(bytes as Uint8Array)]).toEqual([1, 2, 255])
    const view = parseMessage(Buffer.from([7, 8]))
    expect(view).toBeInstanceOf(Uint8Array)
    expect([...(view as Uint8Array)]).toEqual([7, 8])
  })
})
