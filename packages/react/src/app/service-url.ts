import { IDENTIFIER_SOURCE } from '@tether/core'

export { prepareBrowserService } from '@tether/runtime'

const PROJECT_PATH = new RegExp(`^/apps/(${IDENTIFIER_SOURCE})(?:/|$)`)

/** The project name from `/apps/<name>/…`, or null when the page is not served under /apps/. */
export function projectNameFromPath(pathname: string): string | null {
  const match = PROJECT_PATH.exec(pathname)
  return match?.[1] ?? null
}

/**
 * The URL of a page's script module: `./scripts/main.js` → `<origin>/apps/<project>/scripts/main.js`,
 * resolved against the app's root (not the current document, whose path may be an in-app route), so
 * the server can serve it from the project's `scripts/` folder.
 */
export function pageScriptUrl(script: string, location: { origin: string; pathname: string }): string {
  const name = projectNameFromPath(location.pathname)
  const base =
    name === null ? new URL('./', `${location.origin}${location.pathname}`).href : `${location.origin}/apps/${name}/`
  return new URL(script, base).href
}

/** The page named in the hash (`#/Main`), or null. */
export function pageFromHash(hash: string): string | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? ''
  return name === '' ? null : decodeURIComponent(name)
}
