import type { ParsedPageScript } from '@tether/runtime/page-script'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import type { MountedScriptEditor } from './code-editor.js'

interface Props {
  source: string
  label: string
  onChange(source: string): void
  onParsed(result: ParsedPageScript): void
  /** Where to put the cursor; a new object (a new `seq`) moves it again. */
  focus: { offset: number; seq: number } | null
}

/** The code editor, loaded on first use so the studio's first download does not carry CodeMirror. */
export function ScriptEditor({ source, label, onChange, onParsed, focus }: Props): ReactNode {
  const host = useRef<HTMLDivElement>(null)
  const editor = useRef<MountedScriptEditor | null>(null)
  const [failed, setFailed] = useState(false)
  // The latest props, for the editor's callbacks and for a mount that finishes after they changed.
  const latest = useRef({ source, onChange, onParsed, focus })
  latest.current = { source, onChange, onParsed, focus }

  useEffect(() => {
    let cancelled = false
    import('./code-editor.js')
      .then(({ mountScriptEditor }) => {
        if (cancelled || !host.current) return
        editor.current = mountScriptEditor(host.current, {
          source: latest.current.source,
          label,
          onChange: (text) => latest.current.onChange(text),
          onParsed: (result) => latest.current.onParsed(result),
        })
        const at = latest.current.focus
        if (at) editor.current.focusAt(at.offset)
      })
      .catch(() => !cancelled && setFailed(true))
    return () => {
      cancelled = true
      editor.current?.destroy()
      editor.current = null
    }
  }, [label])

  useEffect(() => editor.current?.setSource(source), [source])
  useEffect(() => {
    if (focus) editor.current?.focusAt(focus.offset)
  }, [focus])

  if (failed)
    return (
      <p className="alert alert-error" role="alert">
        The script editor could not be loaded. Check the connection to the server, then reload the page.
      </p>
    )
  return <div ref={host} className="script-editor" data-testid="script-editor" />
}
