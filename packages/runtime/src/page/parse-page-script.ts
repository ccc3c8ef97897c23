import { type ExportNamedDeclaration, type Program, parse } from 'acorn'

/** Where a page script fails to parse: 1-based line and column, and the parser's message. */
export interface ScriptSyntaxError {
  message: string
  line: number
  column: number
  /** Offset of the error in the source, for editors that mark a range. */
  offset: number
}

export type ParsedPageScript = { ok: true; handlers: string[] } | { ok: false; error: ScriptSyntaxError }

/** Names a module exports (`export function a`, `export const b = …`, `export { c as d }`); not `default`. */
function exportedNames(declaration: ExportNamedDeclaration): string[] {
  const inner = declaration.declaration
  if (inner?.type === 'FunctionDeclaration' || inner?.type === 'ClassDeclaration') return [inner.id.name]
  if (inner?.type === 'VariableDeclaration')
    return inner.declarations.flatMap((d) => (d.id.type === 'Identifier' ? [d.id.name] : []))
  return declaration.specifiers.flatMap((s) => {
    const name = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value)
    return name === 'default' ? [] : [name]
  })
}

/**
 * Parses a page script as the browser will load it — an ES module of the latest JavaScript — and lists
 * its named exports, the handlers a page's `{ script: 'name' }` actions may call. A syntax error comes
 * back with its line and column instead of being thrown. The source is only parsed, never run.
 *
 * ```ts
 * parsePageScript('export function greet(variable, data, options) {}') // { ok: true, handlers: ['greet'] }
 * ```
 *
 * Lives apart from the runtime's index (`@tether/runtime/page-script`) so apps never download the parser.
 */
export function parsePageScript(source: string): ParsedPageScript {
  let program: Program
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true })
  } catch (error) {
    // acorn throws a SyntaxError carrying `loc` (line, 0-based column) and `pos`.
    const { loc, pos } = error as { loc?: { line: number; column: number }; pos?: number }
    if (!(error instanceof SyntaxError) || !loc || pos === undefined) throw error
    // acorn appends " (line:column)" to its message; the location is reported on its own.
    const message = error.message.replace(/ \(\d+:\d+\)$/, '')
    return { ok: false, error: { message, line: loc.line, column: loc.column + 1, offset: pos } }
  }
  const handlers = program.body.flatMap((node) => (node.type === 'ExportNamedDeclaration' ? exportedNames(node) : []))
  return { ok: true, handlers: [...new Set(handlers)].sort() }
}
