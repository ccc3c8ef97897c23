import { XMLParser, XMLValidator } from 'fast-xml-parser'

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  ignoreDeclaration: true,
  ignorePiTags: true,
})

/** Parses XML and unwraps the root element (`<beat><value>95</value></beat>` → `{ value: 95 }`). */
function parseXml(text: string): { ok: true; value: unknown } | { ok: false } {
  if (XMLValidator.validate(text) !== true) return { ok: false }
  const document = xml.parse(text) as Record<string, unknown>
  const roots = Object.keys(document)
  if (roots.length !== 1) return { ok: true, value: document }
  return { ok: true, value: document[roots[0] as string] }
}

/**
 * Turns one received frame into data: text is tried as JSON, then as XML (root element unwrapped),
 * else kept as the text itself; binary frames become a `Uint8Array` of their bytes (a Blob is kept as is,
 * for WebSocket implementations that ignore `binaryType`).
 *
 * @example
 * parseMessage('{"time":1513152655902,"value":95}') // { time: 1513152655902, value: 95 }
 * parseMessage('hello')                             // 'hello'
 */
export function parseMessage(data: unknown): unknown {
  if (typeof data === 'string') return parseText(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (Array.isArray(data)) return data // ws 'fragments' mode; not used (binaryType is 'arraybuffer')
  return data
}

/** Characters JSON text can start with; anything else skips the (throwing, slow) JSON attempt. */
const JSON_START = new Set(['{', '[', '"', '-', 't', 'f', 'n', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])

function parseText(text: string): unknown {
  const start = text.trimStart()[0] ?? ''
  if (start === '<') {
    const parsed = parseXml(text)
    return parsed.ok ? parsed.value : text
  }
  if (JSON_START.has(start)) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}
