// fast-xml-parser is a chunk of its own: it loads with the first XML frame, not with every app.

/** Why the parser module is not there: loading it failed (offline, a stale deployment). */
let failure: Error | null = null
let parser: ((text: string) => { ok: true; value: unknown } | { ok: false }) | null = null
let loading: Promise<void> | null = null

/** True once `loadXmlParser()` has settled (loaded, or failed: XML is then kept as text). */
export function xmlParserSettled(): boolean {
  return parser !== null || failure !== null
}

/**
 * Loads the XML parser (once; later calls share the first). Never rejects: if the module cannot be
 * loaded, XML frames stay text and the failure is reported once on the console.
 */
export function loadXmlParser(): Promise<void> {
  loading ??= import('fast-xml-parser').then(
    ({ XMLParser, XMLValidator }) => {
      const xml = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '@_',
        ignoreDeclaration: true,
        ignorePiTags: true,
      })
      parser = (text) => {
        if (XMLValidator.validate(text) !== true) return { ok: false }
        const document = xml.parse(text) as Record<string, unknown>
        const roots = Object.keys(document)
        if (roots.length !== 1) return { ok: true, value: document }
        return { ok: true, value: document[roots[0] as string] }
      }
    },
    (error: unknown) => {
      failure = error instanceof Error ? error : new Error(String(error))
      console.error('[tether] the XML parser could not be loaded: XML messages are kept as text', failure)
    },
  )
  return loading
}

/** Parses XML and unwraps the root element; undefined while the parser is not loaded yet. */
export function parseXml(text: string): { ok: true; value: unknown } | { ok: false } | undefined {
  if (parser !== null) return parser(text)
  return failure === null ? undefined : { ok: false }
}
