// Loaded on demand (a dynamic import from ScriptEditor): CodeMirror and the page-script parser stay out
// of the studio's first download.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands'
import { javascript } from '@codemirror/lang-javascript'
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language'
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint'
import { EditorSelection, EditorState } from '@codemirror/state'
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view'
import { type ParsedPageScript, parsePageScript } from '@tether/runtime/page-script'

export interface ScriptEditorOptions {
  source: string
  /** Accessible name of the editing area, e.g. "Script scripts/Main.js". */
  label: string
  onChange(source: string): void
  /** The parse of every version of the text, at once (the editor's marks follow a moment later). */
  onParsed(result: ParsedPageScript): void
}

export interface MountedScriptEditor {
  /** Replaces the text when it changed outside the editor (a handler stub added, a draft restored). */
  setSource(source: string): void
  /** Puts the cursor at `offset`, scrolls to it and focuses the editor. */
  focusAt(offset: number): void
  destroy(): void
}

/** The same parser as the server's check on save: its error, marked where it is. */
function diagnostics(result: ParsedPageScript, length: number): Diagnostic[] {
  if (result.ok) return []
  const { offset, line, column, message } = result.error
  const from = Math.min(offset, length)
  return [
    { from, to: Math.min(from + 1, length), severity: 'error', message: `Line ${line}, column ${column}: ${message}` },
  ]
}

/** A CodeMirror 6 JavaScript editor in `parent`, linted as you type by the page-script parser. */
export function mountScriptEditor(parent: HTMLElement, options: ScriptEditorOptions): MountedScriptEditor {
  let applying = false
  const state = EditorState.create({
    doc: options.source,
    extensions: [
      lineNumbers(),
      history(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      javascript(),
      lintGutter(),
      linter((view) => diagnostics(parsePageScript(view.state.doc.toString()), view.state.doc.length), {
        delay: 200,
      }),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': options.label }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return
        const text = update.state.doc.toString()
        options.onParsed(parsePageScript(text))
        if (!applying) options.onChange(text)
      }),
    ],
  })
  const view = new EditorView({ state, parent })
  options.onParsed(parsePageScript(options.source))
  return {
    setSource(source) {
      if (source === view.state.doc.toString()) return
      applying = true
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: source } })
      } finally {
        applying = false
      }
    },
    focusAt(offset) {
      const at = Math.min(offset, view.state.doc.length)
      view.dispatch({ selection: EditorSelection.cursor(at), effects: EditorView.scrollIntoView(at, { y: 'center' }) })
      view.focus()
    },
    destroy: () => view.destroy(),
  }
}
