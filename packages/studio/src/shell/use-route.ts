import { useCallback, useSyncExternalStore } from 'react'
import { confirmLeave } from '../drafts/index.js'
import { formatRoute, parseRoute, type StudioRoute } from './route.js'

// The hash the studio shows. A hash change (a link, the sidebar, Back/Forward) is taken only once the
// leave guard agrees. Each history entry the studio shows carries its position (`tetherIndex`), so a
// refused change can be undone in the same direction: a new entry (a link) is stepped back from, a
// Back or Forward is stepped forward or back again — the address bar and the history stay as they were.
let shown = window.location.hash
let shownIndex = entryIndex() ?? 0
const listeners = new Set<() => void>()

function entryIndex(): number | null {
  const index = (history.state as { tetherIndex?: unknown } | null)?.tetherIndex
  return typeof index === 'number' ? index : null
}
function stampEntry(index: number): void {
  history.replaceState({ ...(history.state as object | null), tetherIndex: index }, '')
}
stampEntry(shownIndex)

window.addEventListener('hashchange', () => {
  const next = window.location.hash
  if (next === shown) return
  const index = entryIndex()
  if (!confirmLeave(parseRoute(next))) {
    // Going back to the shown entry fires hashchange again, with `next === shown`: ignored above.
    if (index === null) history.back()
    else history.go(shownIndex - index)
    return
  }
  shown = next
  shownIndex = index ?? shownIndex + 1
  if (index === null) stampEntry(shownIndex)
  for (const listener of listeners) listener()
})

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
const getHash = () => shown

/** The current route from `location.hash` (so Back/Forward and reloads work) and a way to move. */
export function useRoute(): [StudioRoute, (route: StudioRoute) => void] {
  const hash = useSyncExternalStore(subscribe, getHash)
  const navigate = useCallback((route: StudioRoute) => {
    window.location.hash = formatRoute(route)
  }, [])
  return [parseRoute(hash), navigate]
}
