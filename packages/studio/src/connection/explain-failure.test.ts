import { describe, expect, it } from 'vitest'
import { explainClose, isMixedContent, urlProblem } from './explain-failure.js'

describe('urlProblem', () => {
  it('accepts ws and wss URLs, including path placeholders', () => {
    expect(urlProblem('ws://127.0.0.1:8080/websocket/heartrate')).toBeNull()
    expect(urlProblem('wss://example.com/rooms/{roomId}')).toBeNull()
  })

  it('explains http(s), other schemes and empty input', () => {
    expect(urlProblem('https://example.com')).toContain('use wss://')
    expect(urlProblem('ftp://x')).toContain('ws:// or wss://')
    expect(urlProblem('  ')).toContain('Enter the service URL')
  })
})

describe('isMixedContent', () => {
  it('is true only for ws:// from an https page', () => {
    expect(isMixedContent('https:', 'ws://h/x')).toBe(true)
    expect(isMixedContent('https:', 'wss://h/x')).toBe(false)
    expect(isMixedContent('http:', 'ws://h/x')).toBe(false)
  })
})

describe('explainClose', () => {
  it('passes on the proxy refusal reason', () => {
    const text = explainClose({
      code: 4403,
      reason: 'TETHER_PROXY_FORBIDDEN: 10.0.0.1 is a private address.',
      opened: true,
      viaProxy: true,
    })
    expect(text).toContain('proxy refused this target: 10.0.0.1 is a private address.')
    expect(text).toContain('PROXY_ALLOW')
  })

  it('says why a direct connection failed before opening', () => {
    expect(explainClose({ code: 1006, reason: '', opened: false, viaProxy: false })).toContain('browsers hide which')
  })

  it('names the close code and quotes the reason', () => {
    expect(explainClose({ code: 1008, reason: 'bad token', opened: true, viaProxy: false })).toBe(
      'Closed with code 1008 (policy violation). Reason: "bad token".',
    )
  })
})
