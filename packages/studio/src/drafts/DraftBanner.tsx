import type { ReactNode } from 'react'
import type { Draft } from './use-draft.js'

interface Props<T> {
  draft: Draft<T>
  /** What the draft is of, e.g. "this page". */
  what: string
  /** The saved file's JSON now, to say when it changed after the draft was made. */
  base: string
  onRestore: (value: T) => void
}

/** Offers an unsaved draft found in the browser: restore it or discard it; and says when drafts cannot be kept. */
export function DraftBanner<T>({ draft, what, base, onRestore }: Props<T>): ReactNode {
  if (draft.offer === null) {
    if (draft.kept) return null
    return (
      <p className="alert alert-warning" role="alert">
        This browser cannot keep a draft of {what} (too large, or storage is full or off): save to keep your changes.
      </p>
    )
  }
  const when = new Date(draft.offer.savedAt).toLocaleString()
  return (
    <div className="alert alert-warning draft-banner" role="alert">
      <p>
        Unsaved changes to {what} from {when} were kept in this browser.
        {draft.offer.base !== base && ' The saved file has changed since; restoring replaces it when you save.'}
      </p>
      <button
        type="button"
        className="button small primary"
        onClick={() => {
          const value = draft.restore()
          if (value !== null) onRestore(value)
        }}
      >
        Restore draft
      </button>{' '}
      <button type="button" className="button small ghost" onClick={draft.discard}>
        Discard draft
      </button>
    </div>
  )
}
