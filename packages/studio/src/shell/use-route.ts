import { useCallback, useSyncExternalStore } from 'react'
import { formatRoute, parseRoute, type StudioRoute } from './route.js'

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener)
  return () => window.removeEventListener('hashchange', listener)
}
const getHash = () => window.location.hash

/** The current route from `location.hash` (so Back/Forward and reloads work) and a way to move. */
export function useRoute(): [StudioRoute, (route: StudioRoute) => void] {
  const hash = useSyncExternalStore(subscribe, getHash)
  const navigate = useCallback((route: StudioRoute) => {
    window.location.hash = formatRoute(route)
  }, [])
  return [parseRoute(hash), navigate]
}
