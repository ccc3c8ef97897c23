import type { QueryParamDefinition } from '@tether/core'

/** Splits a URL (template) into the part before `?` and its query string (without `?` and `#…`). */
export function splitQuery(url: string): { base: string; query: string } {
  const withoutHash = url.split('#', 1)[0] ?? ''
  const at = withoutHash.indexOf('?')
  return at < 0
    ? { base: withoutHash, query: '' }
    : { base: withoutHash.slice(0, at), query: withoutHash.slice(at + 1) }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/**
 * The query parameters written in a URL, in order, each once: `?username=&room=lobby` →
 * `[{ name: 'username' }, { name: 'room', default: 'lobby' }]`. A value in the URL becomes the default.
 */
export function parseQueryParams(url: string): QueryParamDefinition[] {
  const params: QueryParamDefinition[] = []
  for (const part of splitQuery(url).query.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = decode(eq < 0 ? part : part.slice(0, eq))
    const value = eq < 0 ? '' : decode(part.slice(eq + 1))
    if (name === '' || params.some((p) => p.name === name)) continue
    params.push(value === '' ? { name } : { name, default: value })
  }
  return params
}

/**
 * The table after the URL changed: rows already in the table keep their edits (required, default,
 * description); names new in the URL are appended with the URL's value as default.
 */
export function mergeQueryParams(url: string, rows: readonly QueryParamDefinition[]): QueryParamDefinition[] {
  const merged = [...rows]
  for (const param of parseQueryParams(url)) {
    if (!merged.some((row) => row.name === param.name)) merged.push(param)
  }
  return merged
}

/** The URL without the named query parameter (so removing a row also removes it from the URL). */
export function removeQueryParam(url: string, name: string): string {
  const { base, query } = splitQuery(url)
  const kept = query.split('&').filter((part) => {
    if (part === '') return false
    const eq = part.indexOf('=')
    return decode(eq < 0 ? part : part.slice(0, eq)) !== name
  })
  return kept.length > 0 ? `${base}?${kept.join('&')}` : base
}
