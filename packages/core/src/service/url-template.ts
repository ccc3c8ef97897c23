import { IDENTIFIER_RULE, isIdentifier } from '../identifier.js'
import { type ProtocolTransport, schemesOf, transportOf } from '../protocols/names.js'
import type { PathParamDefinition, QueryParamDefinition, WebSocketServiceDefinition } from './types.js'

/** What a URL template is made of, plus every problem found in it (empty when the template is usable). */
export interface ParsedUrlTemplate {
  /** `ws:` or `wss:` (`http:` or `https:` for SSE) when valid; '' for a relative URL such as `/websocket/chat`. */
  protocol: string
  /** Everything before `?`, placeholders included. */
  base: string
  /** Placeholder names in order of first appearance. */
  placeholders: string[]
  /** `name=value` pairs of the template's own query string, decoded. */
  query: { name: string; value: string }[]
  problems: string[]
}

const PLACEHOLDER = /\{([^{}]*)\}/g
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//

/** Decodes a URL component, keeping the raw text when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** A stand-in origin for parsing a relative template (`/websocket/chat`); it is removed again afterwards. */
const RELATIVE_ORIGIN = 'ws://relative.invalid'

/** `/websocket/chat` (not `//host/…`): resolved against the page or a variable's `baseUrl` when connecting. */
export function isRelativeServiceUrl(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//')
}

/** The service URL template of a definition, parsed for the transport its protocol uses. */
export function parseServiceUrl(definition: Pick<WebSocketServiceDefinition, 'url' | 'protocol'>): ParsedUrlTemplate {
  return parseUrlTemplate(definition.url, transportOf(definition.protocol))
}

/**
 * Parses a URL template: a `ws://`/`wss://` URL for the `websocket` transport (every protocol but SSE), an
 * `http://`/`https://` one for `http` (SSE), or a relative path.
 */
export function parseUrlTemplate(url: string, transport: ProtocolTransport = 'websocket'): ParsedUrlTemplate {
  if (isRelativeServiceUrl(url)) {
    // Parsed like an absolute URL so every other rule applies the same; protocol stays '' (not known yet).
    const parsed = parseUrlTemplate(`${RELATIVE_ORIGIN}${url}`)
    return { ...parsed, protocol: '', base: parsed.base.slice(RELATIVE_ORIGIN.length) }
  }
  const [plain, secure] = schemesOf(transport)
  const other = transport === 'http' ? schemesOf('websocket') : schemesOf('http')
  const problems: string[] = []
  const parsed: ParsedUrlTemplate = { protocol: '', base: url, placeholders: [], query: [], problems }
  const trimmed = url.trim()
  if (trimmed !== url || /\s/.test(url)) problems.push('The URL must not contain spaces; encode them as %20.')

  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase()
  if (scheme === undefined) {
    problems.push(
      `Use a ${plain}:// or ${secure}:// URL (e.g. ${plain}://localhost:8080/websocket/chat) or a path such as /websocket/chat.`,
    )
    return parsed
  }
  if (other.includes(scheme)) {
    const kind = transport === 'http' ? 'an SSE service' : 'a WebSocket service'
    problems.push(`${scheme}:// URLs cannot be used for ${kind}; use ${plain}:// or ${secure}:// instead.`)
  } else if (scheme !== plain && scheme !== secure) {
    problems.push(`Unsupported scheme '${scheme}://'; use ${plain}:// or ${secure}://.`)
  }
  parsed.protocol = `${scheme}:`

  const hashAt = url.indexOf('#')
  if (hashAt >= 0) problems.push('Service URLs cannot have a #fragment; remove it.')
  const withoutHash = hashAt >= 0 ? url.slice(0, hashAt) : url
  const queryAt = withoutHash.indexOf('?')
  parsed.base = queryAt >= 0 ? withoutHash.slice(0, queryAt) : withoutHash
  const queryText = queryAt >= 0 ? withoutHash.slice(queryAt + 1) : ''

  const afterScheme = parsed.base.slice(parsed.base.indexOf('//') + 2)
  const slashAt = afterScheme.indexOf('/')
  const authority = slashAt >= 0 ? afterScheme.slice(0, slashAt) : afterScheme
  if (authority === '') problems.push(`The URL has no host, e.g. ${plain}://localhost:8080/path.`)
  if (/[{}]/.test(authority)) problems.push('Placeholders are only allowed in the path, not in the host.')
  if (/[{}]/.test(queryText))
    problems.push('Placeholders are only allowed in the path; declare a query parameter instead.')

  const path = slashAt >= 0 ? afterScheme.slice(slashAt) : ''
  for (const match of path.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? ''
    if (!isIdentifier(name)) {
      problems.push(`Placeholder {${name}} must be an identifier, e.g. {roomId}. ${IDENTIFIER_RULE}`)
    } else if (!parsed.placeholders.includes(name)) {
      parsed.placeholders.push(name)
    }
  }
  if (/[{}]/.test(path.replace(PLACEHOLDER, ''))) problems.push('The URL has an unmatched { or }.')

  for (const part of queryText.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const name = safeDecode(eq >= 0 ? part.slice(0, eq) : part)
    const value = eq >= 0 ? safeDecode(part.slice(eq + 1)) : ''
    if (name !== '' && !parsed.query.some((q) => q.name === name)) parsed.query.push({ name, value })
  }

  if (problems.length === 0) {
    // Placeholders are replaced by a neutral segment so the URL parser judges the rest of the template.
    try {
      new URL(parsed.base.replace(PLACEHOLDER, 'x'))
    } catch {
      problems.push(`Not a valid URL; check the host and port, e.g. ${plain}://localhost:8080/path.`)
    }
  }
  return parsed
}

/** Declared query parameters, then the names found only in the URL's query string (their value as default). */
export function effectiveQueryParams(definition: WebSocketServiceDefinition): QueryParamDefinition[] {
  const { query } = parseServiceUrl(definition)
  const declared = (definition.queryParams ?? []).map((param) => {
    const inUrl = query.find((q) => q.name === param.name)
    return param.default === undefined && inUrl !== undefined && inUrl.value !== ''
      ? { ...param, default: inUrl.value }
      : { ...param }
  })
  const fromUrl = query
    .filter((q) => !declared.some((param) => param.name === q.name))
    .map((q): QueryParamDefinition => (q.value === '' ? { name: q.name } : { name: q.name, default: q.value }))
  return [...declared, ...fromUrl]
}

/** Declared path parameters, or one per placeholder when none are declared. */
export function effectivePathParams(definition: WebSocketServiceDefinition): PathParamDefinition[] {
  if (definition.pathParams !== undefined) return definition.pathParams.map((param) => ({ ...param }))
  return parseServiceUrl(definition).placeholders.map((name) => ({ name }))
}
