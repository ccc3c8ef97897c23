import { useEffect, useRef, useState } from 'react'
import { readDraft, removeDraft, type StoredDraft, writeDraft } from './draft-storage.js'

export interface Draft<T> {
  /** A draft left from an earlier visit, until restored or discarded. */
  offer: StoredDraft<T> | null
  /** Takes the offered draft (the editor applies it) and keeps storing from then on. */
  restore(): T | null
  discard(): void
  /** The work is saved for good (the editor closes): removes the draft and stores nothing more. */
  finish(): void
  /** False when the browser could not keep the draft (too large, storage full or off). */
  kept: boolean
}

/**
 * Keeps an editor's unsaved work in the browser's storage under `key` while `dirty`, and removes it
 * once clean (saved, or edited back). On open, a stored draft that differs from `value` is offered;
 * while the offer stands nothing is written, so opening an editor never overwrites an older draft.
 * `base` is the JSON of the saved file, stored with the draft.
 */
export function useDraft<T>(key: string, value: T, dirty: boolean, base: string): Draft<T> {
  const [offer, setOffer] = useState<StoredDraft<T> | null>(() => {
    const stored = readDraft<T>(key)
    if (stored === null) return null
    if (JSON.stringify(stored.value) !== JSON.stringify(value)) return stored
    removeDraft(key)
    return null
  })
  const [kept, setKept] = useState(true)
  const finished = useRef(false)

  useEffect(() => {
    if (offer !== null || finished.current) return
    if (dirty) setKept(writeDraft(key, value, base))
    else {
      removeDraft(key)
      setKept(true)
    }
  }, [key, value, dirty, base, offer])

  return {
    offer,
    kept,
    restore: () => {
      setOffer(null)
      return offer?.value ?? null
    },
    discard: () => {
      removeDraft(key)
      setOffer(null)
    },
    finish: () => {
      finished.current = true
      removeDraft(key)
    },
  }
}
