import { describe, expect, it } from 'vitest'
import { mergeQueryParams, parseQueryParams, removeQueryParam, splitQuery } from './url-params.js'

describe('parseQueryParams', () => {
  it('reads names in order and turns values into defaults', () => {
    expect(parseQueryParams('ws://h/chat?username=&room=lobby')).toEqual([
      { name: 'username' },
      { name: 'room', default: 'lobby' },
    ])
  })

  it('decodes names and values, ignores empty parts, duplicates and the fragment', () => {
    expect(parseQueryParams('ws://h/x?a%20b=c%2Fd&&a%20b=2&flag#frag=1')).toEqual([
      { name: 'a b', default: 'c/d' },
      { name: 'flag' },
    ])
  })

  it('finds nothing in a URL without a query string', () => {
    expect(parseQueryParams('ws://h/websocket/heartrate')).toEqual([])
  })

  it('keeps malformed percent-encoding as written', () => {
    expect(parseQueryParams('ws://h/?q=%E0')).toEqual([{ name: 'q', default: '%E0' }])
  })
})

describe('mergeQueryParams', () => {
  it('keeps edited rows and appends new names from the URL', () => {
    const rows = [{ name: 'username', required: true }, { name: 'extra' }]
    expect(mergeQueryParams('ws://h/c?username=&room=1', rows)).toEqual([
      { name: 'username', required: true },
      { name: 'extra' },
      { name: 'room', default: '1' },
    ])
  })
})

describe('removeQueryParam', () => {
  it('removes the named parameter and the ? when none is left', () => {
    expect(removeQueryParam('ws://h/c?a=1&b=2', 'a')).toBe('ws://h/c?b=2')
    expect(removeQueryParam('ws://h/c?a=1', 'a')).toBe('ws://h/c')
  })
})

describe('splitQuery', () => {
  it('splits at the first ?', () => {
    expect(splitQuery('ws://h/p?x=1?y')).toEqual({ base: 'ws://h/p', query: 'x=1?y' })
  })
})
