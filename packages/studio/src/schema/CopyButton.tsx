import { type ReactNode, useState } from 'react'

/** Copies `text` to the clipboard and says so (or says why it could not). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }): ReactNode {
  const [note, setNote] = useState<string | null>(null)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setNote('Copied')
    } catch {
      setNote('Copy blocked: select the text and press Ctrl+C')
    }
    setTimeout(() => setNote(null), 2500)
  }
  return (
    <span className="copy">
      <button type="button" className="button ghost small" onClick={() => void copy()}>
        {label}
      </button>
      <span className="small muted" role="status">
        {note}
      </span>
    </span>
  )
}
