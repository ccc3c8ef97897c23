import type { ParsedPageScript } from '@tether/runtime/page-script'
import { useCallback, useEffect, useState } from 'react'
import { studioApi } from '../api/studio-api.js'

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; saved: string; text: string }

/** Where the cursor goes next in the editor; each request is new, even at the same offset. */
export interface ScriptFocus {
  offset: number
  seq: number
}

/**
 * A page's script file in the designer: loaded from the project (empty before its first save), edited,
 * saved. `check` is the parser's verdict on the text as the editor last parsed it (null until the editor
 * has loaded); while it is a syntax error the script cannot be saved.
 */
export function useScriptFile(project: string, path: string) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const [check, setCheck] = useState<ParsedPageScript | null>(null)
  const [focus, setFocus] = useState<ScriptFocus | null>(null)

  useEffect(() => {
    let cancelled = false
    setLoaded({ status: 'loading' })
    studioApi
      .readScript(project, path)
      .then(({ source }) => ({ status: 'ready' as const, saved: source, text: source }))
      .catch((error: Error) => ({ status: 'failed' as const, message: error.message }))
      .then((next) => !cancelled && setLoaded(next))
    return () => {
      cancelled = true
    }
  }, [project, path])

  const setText = useCallback(
    (text: string) => setLoaded((current) => (current.status === 'ready' ? { ...current, text } : current)),
    [],
  )
  const focusAt = useCallback((offset: number) => setFocus((f) => ({ offset, seq: (f?.seq ?? 0) + 1 })), [])

  const ready = loaded.status === 'ready' ? loaded : null
  const dirty = ready !== null && ready.text !== ready.saved
  const syntaxError = check && !check.ok && ready !== null ? check.error : null

  /** Writes the text; the server parses it again and refuses a syntax error (the error is thrown). */
  const save = useCallback(async () => {
    if (loaded.status !== 'ready') return
    const { text } = loaded
    await studioApi.saveScript(project, path, text)
    setLoaded((current) => (current.status === 'ready' ? { ...current, saved: text } : current))
  }, [project, path, loaded])

  return { path, loaded, ready, dirty, syntaxError, check, setCheck, setText, focus, focusAt, save }
}

export type ScriptFile = ReturnType<typeof useScriptFile>
