import { describe, expect, it } from 'vitest'
import { sanitizeUrl } from './sanitize-url.js'

describe('sanitizeUrl', () => {
  it('keeps http(s), protocol-relative, relative and data:image URLs', () => {
    for (const url of [
      'https://example.com/a.png',
      'http://example.com/a.png',
      '//cdn.example.com/a.png',
      '/pictures/user1.png',
      'pictures/user1.png',
      '../a.png',
      'data:image/png;base64,iVBORw0KGgo=',
    ]) {
      expect(sanitizeUrl(url)).toBe(url)
    }
  })

  it('refuses javascript:, vbscript:, data:text/html and obfuscated schemes', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0001javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
    ]) {
      expect(sanitizeUrl(url)).toBeNull()
    }
  })

  it('returns null for non-strings and empty values', () => {
    expect(sanitizeUrl(undefined)).toBeNull()
    expect(sanitizeUrl(42)).toBeNull()
    expect(sanitizeUrl('  ')).toBeNull()
  })
})
