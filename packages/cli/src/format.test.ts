import { describe, expect, it } from 'vitest'
import { describeClose, explainConnectError, explainHttpStatus } from './connect.js'
import { formatHex, formatMessage, formatSize, formatText, loadBinaryDecoders } from './format.js'

describe('message formatting', () => {
  it('pretty-prints JSON objects, keeps other text, and shows binary as hex', () => {
    expect(formatText('{"a":1}')).toEqual({ kind: 'JSON', body: '{\n  "a": 1\n}' })
    expect(formatText('42')).toEqual({ kind: 'text', body: '42' })
    expect(formatText('x'.repeat(5000)).body).toMatch(/… \(1000 more characters\)$/)
    expect(formatHex(Buffer.from([0, 15, 255]))).toBe('0000  00 0f ff')
    expect(formatHex(Buffer.alloc(300)).split('\n').at(-1)).toBe('… 44 more bytes')
    expect(formatSize(1536)).toBe('1.5 KiB')
    expect(formatMessage(Buffer.from('hi'), false, new Date(2025, 0, 1, 9, 5, 7, 3))).toBe(
      '09:05:07.003  2 B  text\n  hi\n',
    )
  })
})

describe('binary messages', () => {
  it('shows MessagePack decoded when the first bytes say so, and anything else as hex', async () => {
    const decoders = await loadBinaryDecoders()
    const at = new Date(2025, 0, 1, 9, 5, 7, 3)
    const msgpack = Buffer.from([0x82, 0xa1, 0x6e, 0x01, 0xa2, 0x6f, 0x6b, 0xc3]) // { n: 1, ok: true }
    expect(formatMessage(msgpack, true, at, decoders)).toBe(
      '09:05:07.003  8 B  binary, decoded as msgpack\n  {\n    "n": 1,\n    "ok": true\n  }\n',
    )
    expect(formatMessage(Buffer.from([0x81, 0xa1]), true, at, decoders)).toBe(
      '09:05:07.003  2 B  binary\n  0000  81 a1\n',
    )
  })
})

describe('failure explanations', () => {
  const url = new URL('ws://feed.example:9000/live')
  it('says what to do for each kind of connection failure', () => {
    const dns = explainConnectError(
      Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
      url,
      15_000,
    )
    expect(dns.message).toBe('Cannot resolve the host name feed.example (DNS ENOTFOUND).')
    expect(dns.hint).toMatch(/spelling/)
    const timeout = explainConnectError(new Error('Opening handshake has timed out'), url, 15_000)
    expect(timeout.message).toMatch(/within 15 s/)
    expect(timeout.hint).toMatch(/--timeout/)
    const tls = explainConnectError(
      Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      new URL('wss://h/'),
      1000,
    )
    expect(tls.hint).toMatch(/NODE_EXTRA_CA_CERTS/)
    expect(explainHttpStatus(401, url).hint).toMatch(/--header "Authorization/)
    expect(explainHttpStatus(200, url).hint).toMatch(/normal web page/)
    expect(describeClose(1006, '')).toBe('1006 (closed abnormally, without a close frame)')
    expect(describeClose(4000, 'custom')).toBe('4000: custom')
  })
})
