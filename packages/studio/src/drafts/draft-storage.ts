/**
 * Unsaved work kept in the browser's storage (localStorage), one entry per project and file, until the
 * file is saved or the draft discarded. It survives a reload, a crash and a closed tab, so an editor
 * reopened later can offer to restore it.
 */

/** Largest draft kept, in characters of JSON; a bigger one is not stored (the editor says so). */
export const MAX_DRAFT_CHARS = 2_000_000

const PREFIX = 'tether.draft'

/** A stored draft: what the editor held, when, and the saved file it started from (to tell if it is stale). */
export interface StoredDraft<T> {
  value: T
  savedAt: number
  /** JSON of the saved file the draft was edited from. */
  base: string
}

/** The storage key of one file's draft: `file` is e.g. `pages/Main`, `services/heartrate`, `services/new`. */
export function draftKey(project: string, file: string): string {
  return `${PREFIX}:${project}:${file}`
}

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null // storage disabled (privacy settings): drafts live only as long as the page
  }
}

export function readDraft<T>(key: string): StoredDraft<T> | null {
  const text = storage()?.getItem(key)
  if (!text) return null
  try {
    const draft = JSON.parse(text) as StoredDraft<T>
    return typeof draft === 'object' && draft !== null && 'value' in draft ? draft : null
  } catch {
    return null
  }
}

/** Stores a draft; false when it could not be kept (too large, storage full or disabled). */
export function writeDraft<T>(key: string, value: T, base: string): boolean {
  const text = JSON.stringify({ value, savedAt: Date.now(), base } satisfies StoredDraft<T>)
  if (text.length > MAX_DRAFT_CHARS) return false
  try {
    const store = storage()
    store?.setItem(key, text)
    return store !== null
  } catch {
    return false // quota exceeded
  }
}

export function removeDraft(key: string): void {
  storage()?.removeItem(key)
}

/** Moves a project's drafts to its new name (`to`), or deletes them with the project (`to` null). */
export function moveDrafts(from: string, to: string | null): void {
  const store = storage()
  if (!store) return
  const prefix = draftKey(from, '')
  const keys: string[] = []
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i)
    if (key?.startsWith(prefix)) keys.push(key)
  }
  for (const key of keys) {
    const text = store.getItem(key)
    store.removeItem(key)
    if (to !== null && text !== null) store.setItem(draftKey(to, key.slice(prefix.length)), text)
  }
}
