import { loadXmlParser, parseXml } from './xml.js'

/**
 * What `parseMessage` returns for an XML frame while the XML parser (a chunk of its own, loaded by the
 * first XML frame) is still loading: the caller holds the frame and parses it again once
 * `loadXmlParser()` resolves. A WebSocketVariable does this itself, keeping the order of messages.
 */
export const XML_PARSER_LOADING: unique symbol = Symbol('tether.xmlParserLoading')

/**
 * Turns one received frame into data: text is tried as JSON, then as XML (root element unwrapped;
 * `XML_PARSER_LOADING` until the XML parser has loaded, see there), else kept as the text itself;
 * binary frames become a `Uint8Array` of their bytes (a Blob is kept as is,
 * for WebSocket implementations that ignore `binaryType`).
 *
 * @example
 * parseMessage('{"time":1513152655902,"value":95}') // { time: 1513152655902, value: 95 }
 * parseMessage('hello')                             // 'hello'
 */
export function parseMessage(data: unknown): unknown | typeof XML_PARSER_LOADING {
  if (typeof data === 'string') return parseText(data)
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (Array.isArray(data)) return data // ws 'fragments' mode; not used (binaryType is 'arraybuffer')
  return data
}

/**
 * Whether JSON text could start with this character code: `{ [ " -`, a digit, or `t f n` (true, false,
 * null). Anything else skips the JSON attempt, which would only throw (slowly).
 */
function canStartJson(code: number): boolean {
  return (
    code === 123 || // {
    code === 91 || // [
    code === 34 || // "
    code === 45 || // -
    (code >= 48 && code <= 57) || // 0-9
    code === 116 || // t
    code === 102 || // f
    code === 110 // n
  )
}

/** JSON and XML both allow only these four whitespace characters before the value/root. */
const isSpace = (code: number): boolean => code === 32 || code === 10 || code === 13 || code === 9

function parseText(text: string): unknown {
  // Looks at the first significant character instead of trimming: no copy of the frame per message.
  let index = 0
  while (isSpace(text.charCodeAt(index))) index++
  const start = text.charCodeAt(index)
  if (start === 60 /* < */) {
    const parsed = parseXml(text)
    if (parsed === undefined) {
      void loadXmlParser()
      return XML_PARSER_LOADING
    }
    return parsed.ok ? parsed.value : text
  }
  if (canStartJson(start)) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}
