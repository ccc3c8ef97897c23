import { ErrorCodes, type ErrorDetail, TetherError } from '../errors.js'
import { IDENTIFIER_SOURCE } from '../identifier.js'
import { schemesOf, transportOf } from '../protocols/names.js'
import type { WebSocketServiceDefinition } from './types.js'
import { effectivePathParams, effectiveQueryParams, isRelativeServiceUrl, parseServiceUrl } from './url-template.js'

const PLACEHOLDER = new RegExp(`\\{(${IDENTIFIER_SOURCE})\\}`, 'g')
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** Segments the URL parser would resolve away (`/a/../b` → `/b`), so a value must never produce one. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i

/** The text of a bound value, or undefined when it counts as "no value" (undefined, null, '', NaN). */
function toParamText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : String(value)
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString()
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value)
    } catch {
      return undefined
    }
  }
  return undefined
}

/** encodeURIComponent throws on lone surrogates; they become U+FFFD, as the URL standard does. */
const encode = (text: string): string => encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))

/**
 * The concrete URL of a service for the given parameter values. Path parameters replace `{name}` and are
 * encoded with encodeURIComponent; query parameters are encoded and appended in declaration order (the
 * template's own query string is merged in); empty, undefined and null values are skipped and defaults
 * applied. Throws TetherError MISSING_REQUIRED_PARAMS (all missing names at once) or INVALID_URL.
 *
 * @example
 * buildServiceUrl({ name: 'chat', url: 'ws://h/rooms/{room}?username=' }, { room: 'a b', username: 'ann' })
 * // 'ws://h/rooms/a%20b?username=ann'
 */
export function buildServiceUrl(definition: WebSocketServiceDefinition, values: Record<string, unknown> = {}): string {
  const template = parseServiceUrl(definition)
  const [plain, secure] = schemesOf(transportOf(definition.protocol))
  if (isRelativeServiceUrl(definition.url)) {
    throw new TetherError(
      ErrorCodes.INVALID_URL,
      `The url of '${definition.name}' (${definition.url}) is relative; give the variable a baseUrl (e.g. ws://localhost:8080) or use a ${plain}:// or ${secure}:// URL.`,
    )
  }
  if (template.problems.length > 0) {
    throw new TetherError(
      ErrorCodes.INVALID_URL,
      `Cannot build the URL of '${definition.name}': ${template.problems.join(' ')}`,
    )
  }
  const missing: ErrorDetail[] = []
  const textOf = (name: string, fallback: string | undefined): string | undefined =>
    toParamText(Object.hasOwn(values, name) ? values[name] : undefined) ?? (fallback === '' ? undefined : fallback)

  const pathValues = new Map<string, string>()
  for (const param of effectivePathParams(definition)) {
    const text = textOf(param.name, param.default)
    if (text === undefined) missing.push({ path: param.name, message: 'Required path parameter has no value.' })
    else pathValues.set(param.name, encode(text))
  }
  const query: string[] = []
  for (const param of effectiveQueryParams(definition)) {
    const text = textOf(param.name, param.default)
    if (text !== undefined) query.push(`${encode(param.name)}=${encode(text)}`)
    else if (param.required === true)
      missing.push({ path: param.name, message: 'Required query parameter has no value.' })
  }
  if (missing.length > 0) {
    throw new TetherError(
      ErrorCodes.MISSING_REQUIRED_PARAMS,
      `Required field(s) missing: ${missing.map((d) => d.path).join(', ')}`,
      { details: missing },
    )
  }

  const authorityEnd = template.base.indexOf('/', template.base.indexOf('//') + 2)
  const origin = authorityEnd < 0 ? template.base : template.base.slice(0, authorityEnd)
  const pathTemplate = authorityEnd < 0 ? '' : template.base.slice(authorityEnd)
  const path = pathTemplate
    .split('/')
    .map((segment) => {
      if (!segment.includes('{')) return segment
      const filled = segment.replace(PLACEHOLDER, (_, name: string) => pathValues.get(name) ?? '')
      if (DOT_SEGMENT.test(filled)) {
        throw new TetherError(
          ErrorCodes.INVALID_URL,
          `A path parameter value makes the path segment '${filled}'; '.' and '..' cannot be sent as a segment.`,
        )
      }
      return filled
    })
    .join('/')
  const text = `${origin}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`
  let url: URL
  try {
    url = new URL(text)
  } catch (cause) {
    throw new TetherError(ErrorCodes.INVALID_URL, `'${text}' is not a valid URL; check the service url.`, { cause })
  }
  if (url.protocol !== `${plain}:` && url.protocol !== `${secure}:`) {
    throw new TetherError(ErrorCodes.INVALID_URL, `'${text}' is not a ${plain}:// or ${secure}:// URL.`)
  }
  return url.href
}
