import { isIdentifier, MAX_IDENTIFIER_LENGTH } from '@tether/core'
import { splitQuery } from './url-params.js'

/** One `/`-separated piece of a URL's path; `param` is set for a `{name}` placeholder. */
export interface PathSegment {
  text: string
  param: string | null
}

const PLACEHOLDER = /^\{([^{}]*)\}$/

/** `ws://host:1/a/{b}?q` → origin `ws://host:1`, segments `a`, `{b}`, and the `?q` suffix. */
export function splitPath(url: string): { origin: string; segments: PathSegment[]; suffix: string } {
  const { base } = splitQuery(url)
  const suffix = url.slice(base.length)
  const schemeEnd = base.indexOf('//')
  const pathStart = schemeEnd < 0 ? base.indexOf('/') : base.indexOf('/', schemeEnd + 2)
  if (pathStart < 0) return { origin: base, segments: [], suffix }
  const segments = base
    .slice(pathStart + 1)
    .split('/')
    .map((text) => ({ text, param: PLACEHOLDER.exec(text)?.[1] ?? null }))
  return { origin: base.slice(0, pathStart), segments, suffix }
}

function joinPath(origin: string, segments: readonly PathSegment[], suffix: string): string {
  return `${origin}/${segments.map((s) => s.text).join('/')}${suffix}`
}

/** An identifier for a segment: `room-42` → `room_42`, `42` → `id`; `_2`, `_3`… when taken. */
export function suggestParamName(segment: string, taken: readonly string[]): string {
  let name = segment.replace(/[^A-Za-z0-9_]/g, '_')
  if (/^\d+$/.test(segment) || name === '' || /^_+$/.test(name)) name = 'id'
  if (!isIdentifier(name)) name = `_${name}`.slice(0, MAX_IDENTIFIER_LENGTH)
  let candidate = name
  for (let n = 2; taken.includes(candidate); n++) candidate = `${name}_${n}`
  return candidate
}

/**
 * Turns path segment `index` into a `{param}` placeholder and returns the new URL and the parameter
 * (its default is the segment's former text, so the URL still works as tested).
 */
export function segmentToParam(
  url: string,
  index: number,
  taken: readonly string[],
): { url: string; param: { name: string; default: string } } | null {
  const { origin, segments, suffix } = splitPath(url)
  const segment = segments[index]
  if (!segment || segment.param !== null || segment.text === '') return null
  const name = suggestParamName(segment.text, taken)
  const next = segments.map((s, i) => (i === index ? { text: `{${name}}`, param: name } : s))
  return { url: joinPath(origin, next, suffix), param: { name, default: segment.text } }
}

/** Turns the `{param}` at `index` back into the literal `value`. */
export function paramToSegment(url: string, index: number, value: string): string {
  const { origin, segments, suffix } = splitPath(url)
  const segment = segments[index]
  if (!segment || segment.param === null) return url
  return joinPath(
    origin,
    segments.map((s, i) => (i === index ? { text: value, param: null } : s)),
    suffix,
  )
}

/** Renames placeholder `{from}` to `{to}` everywhere in the path. */
export function renamePathParam(url: string, from: string, to: string): string {
  const { origin, segments, suffix } = splitPath(url)
  return joinPath(
    origin,
    segments.map((s) => (s.param === from ? { text: `{${to}}`, param: to } : s)),
    suffix,
  )
}
