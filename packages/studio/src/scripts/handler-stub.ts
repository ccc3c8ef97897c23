/** What fires the event a handler is written for: a variable or a widget of the page. */
export type HandlerOwner = 'variable' | 'widget'

const JS_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const escapeDollar = (text: string) => text.replace(/[$]/g, '\\$&')

/** Whether `name` already appears as a word of `source` (an export, a local, a call): then it is taken. */
function isTaken(source: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_$])${escapeDollar(name)}($|[^A-Za-z0-9_$])`).test(source)
}

/**
 * The name of a new handler, as the reference names them: the variable or widget, then the event
 * (`chatroom` + `onMessageReceive` → `chatroomonMessageReceive`), with 2, 3, … appended when the
 * script already uses that name.
 */
export function handlerName(owner: string, event: string, source: string): string {
  const base = `${owner}${event}`
  if (!JS_IDENTIFIER.test(base)) throw new Error(`"${base}" is not a JavaScript name`)
  if (!isTaken(source, base)) return base
  for (let n = 2; ; n++) if (!isTaken(source, `${base}${n}`)) return `${base}${n}`
}

/** The stub of a handler with the reference's signature; its first argument is named after what fires it. */
export function handlerStub(name: string, owner: HandlerOwner): string {
  const hint = `// ${owner}: what fired the event; data: the event's data; options.page: setWidget, Widgets, Variables, notify`
  return `export function ${name}(${owner}, data, options) {\n  ${hint}\n}\n`
}

/**
 * `source` with the stub appended after a blank line, and where to put the cursor: the end of the
 * stub's first body line, so the author starts typing inside the handler.
 */
export function appendHandler(source: string, stub: string): { source: string; cursor: number } {
  const trimmed = source.replace(/\s*$/, '')
  const head = trimmed === '' ? '' : `${trimmed}\n\n`
  const next = head + stub
  // Every stub ends with its body line, then "\n}\n".
  return { source: next, cursor: next.length - '\n}\n'.length }
}
