// Browsers ignore tabs, newlines and leading spaces/control characters inside a scheme
// ("java\tscript:"), so they are removed before the scheme is checked.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const IGNORED = /[\u0000-\u0020\u007f-\u009f]/g
const SCHEME = /^([a-z][a-z0-9+.-]*):/i
const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/i

/**
 * Returns `url` if it is safe as an image or link target, else null: http(s), protocol-relative and
 * relative URLs, and `data:image/…`. `javascript:`, `vbscript:`, `data:text/html` and any other
 * scheme are refused.
 */
export function sanitizeUrl(url: unknown, options: { allowDataImage?: boolean } = {}): string | null {
  if (typeof url !== 'string') return null
  const trimmed = url.trim()
  if (trimmed === '') return null
  const compact = trimmed.replace(IGNORED, '')
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase()
  if (scheme === undefined) return trimmed // relative: same origin
  if (scheme === 'http' || scheme === 'https') return trimmed
  if (scheme === 'data' && (options.allowDataImage ?? true) && DATA_IMAGE.test(compact)) return trimmed
  return null
}
