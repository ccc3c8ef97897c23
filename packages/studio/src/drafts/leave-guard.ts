import { useEffect, useRef } from 'react'

/**
 * Editors with unsaved changes, by a description of what is unsaved ("the page Main"). Leaving the
 * editor — an in-app link, the sidebar, the browser's Back button (all hash changes), a reload or a
 * closed tab (beforeunload) — asks first while any is registered.
 */
/** A place in the studio (its hash route, parsed). */
export interface Place {
  project: string | null
  section: string
  path: string[]
}

/** A registered editor: what it has unsaved, and the place it lives in (moving inside it does not ask). */
interface Editor {
  what: () => string | null
  within: Place | null
}
const unsaved = new Map<symbol, Editor>()

const isInside = (place: Place, within: Place | null) =>
  within !== null &&
  place.project === within.project &&
  place.section === within.section &&
  within.path.every((part, i) => place.path[i] === part)

/** What is unsaved right now and would be left by going to `next` (null: leaving the studio). */
export function unsavedWork(next: Place | null = null): string[] {
  return [...unsaved.values()]
    .filter((editor) => next === null || !isInside(next, editor.within))
    .map((editor) => editor.what())
    .filter((what): what is string => what !== null)
}

/**
 * Asks whether to leave while there are unsaved changes; true when there are none or the user agrees.
 * The drafts stay in the browser either way, so leaving loses nothing that reopening cannot restore.
 */
export function confirmLeave(next: Place | null = null): boolean {
  const work = unsavedWork(next)
  if (work.length === 0) return true
  return window.confirm(
    `You have unsaved changes to ${work.join(', ')}. Leave anyway?\n\nThe draft stays in this browser: reopening offers to restore it.`,
  )
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (unsavedWork().length === 0) return
  event.preventDefault()
  // Older browsers show the prompt only when returnValue is set.
  event.returnValue = ''
}

/**
 * Registers the calling editor's unsaved changes: `what` describes them ("the page Main"), or is null
 * when everything is saved; moving to a place inside `within` (the wizard's steps) does not ask. The
 * returned `saved()` ends the registration at once and for good, for an editor that closes right after
 * a successful save (its re-renders until then must not register the old changes again).
 *
 * @example
 * const leave = useLeaveGuard(designer.dirty ? `the page ${pageName}` : null)
 * await save(); leave.saved(); go([])
 */
export function useLeaveGuard(what: string | null, within: Place | null = null): { saved(): void } {
  const current = useRef(what)
  const closed = useRef(false)
  current.current = closed.current ? null : what
  const place = useRef(within)
  place.current = within
  useEffect(() => {
    const id = Symbol('editor')
    unsaved.set(id, {
      what: () => current.current,
      get within() {
        return place.current
      },
    })
    if (unsaved.size === 1) window.addEventListener('beforeunload', onBeforeUnload)
    return () => {
      unsaved.delete(id)
      if (unsaved.size === 0) window.removeEventListener('beforeunload', onBeforeUnload)
    }
  }, [])
  return useRef({
    saved: () => {
      closed.current = true
      current.current = null
    },
  }).current
}
