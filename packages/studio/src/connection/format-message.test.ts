import { describe, expect, it } from 'vitest'
import { displayMessage, formatSize, messageSample, toBase64, toHex } from './format-message.js'

describe('toHex', () => {
  it('writes each byte as two lowercase hex digits separated by spaces', () => {
    expect(toHex(new Uint8Array([0, 10, 255, 16]))).toBe('00 0a ff 10')
  })

  it('cuts long input and says how long it was', () => {
    expect(toHex(new Uint8Array([1, 2, 3, 4]), 2)).toBe('01 02 … (4 bytes)')
  })

  it('is empty for no bytes', () => {
    expect(toHex(new Uint8Array())).toBe('')
  })
})

describe('formatSize', () => {
  it('uses B, kB and MB', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(2048)).toBe('2.0 kB')
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB')
  })
})

describe('displayMessage', () => {
  it('pretty-prints JSON objects', () => {
    expect(displayMessage({ text: '{"a":1}', bytes: null })).toEqual({ kind: 'json', body: '{\n  "a": 1\n}' })
  })

  it('shows other text as is', () => {
    expect(displayMessage({ text: 'hello', bytes: null })).toEqual({ kind: 'text', body: 'hello' })
    expect(displayMessage({ text: '42', bytes: null }).kind).toBe('text')
  })

  it('shows binary as hex', () => {
    expect(displayMessage({ text: null, bytes: new Uint8Array([0xca, 0xfe]) })).toEqual({
      kind: 'binary',
      body: 'ca fe',
    })
  })
})

describe('messageSample', () => {
  it('parses JSON, keeps plain text, and has no sample for binary', () => {
    expect(messageSample({ text: '{"v":1}', bytes: null })).toEqual({ ok: true, value: { v: 1 } })
    expect(messageSample({ text: 'hi', bytes: null })).toEqual({ ok: true, value: 'hi' })
    expect(messageSample({ text: null, bytes: new Uint8Array([1]) })).toEqual({ ok: false })
  })
})

describe('toBase64', () => {
  it('encodes bytes', () => {
    expect(toBase64(new Uint8Array([104, 105]))).toBe('aGk=')
  })
})
