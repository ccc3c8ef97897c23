/** Where the studio is: which project, which section of it and the path inside the section. */
export interface StudioRoute {
  project: string | null
  /** A section id from the navigation (`services`, `variables`, `pages`). */
  section: string
  /** Inside the section, e.g. `['new']` for the import wizard or `['heartrate']` for its settings. */
  path: string[]
}

export const DEFAULT_SECTION = 'services'

/** `#/heartrate/services/new` → `{ project: 'heartrate', section: 'services', path: ['new'] }`. */
export function parseRoute(hash: string): StudioRoute {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part)
      } catch {
        return part
      }
    })
  const [project, section, ...path] = parts
  return { project: project ?? null, section: section ?? DEFAULT_SECTION, path }
}

/** The hash for a route; the inverse of {@link parseRoute}. */
export function formatRoute(route: StudioRoute): string {
  if (route.project === null) return '#/'
  return `#/${[route.project, route.section, ...route.path].map(encodeURIComponent).join('/')}`
}
