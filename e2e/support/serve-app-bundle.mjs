// For a stand-in server (the runtime test, the rendering benchmark) that serves the built app without
// the Tether server: the bundle's files, and what /api/auth/me answers when the app has no security.
// Plain .mjs so that the benchmark can import it under Node without a TypeScript step.
import { existsSync, readFileSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { APP_BUNDLE_DIR } from './app-bundle.mjs'

/** @type {Record<string, string>} */
export const CONTENT_TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
}

/** `/api/auth/me` for a visitor of an app without security. */
export const ANONYMOUS_USER = {
  isAuthenticated: false,
  isSecurityEnabled: false,
  name: null,
  id: null,
  roles: [],
  tenantId: null,
  userAttributes: {},
}

/**
 * Answers `/apps/<project>/<rest>` as the real server does: the bundle's file, or index.html for an
 * in-app route (and for anything that would leave the bundle's folder).
 * @param {import('node:http').ServerResponse} res
 * @param {string} rest the path after `/apps/<project>/`
 */
export function sendAppBundleFile(res, rest) {
  const index = join(APP_BUNDLE_DIR, 'index.html')
  const wanted = normalize(join(APP_BUNDLE_DIR, rest || 'index.html'))
  const file = wanted.startsWith(APP_BUNDLE_DIR + sep) && existsSync(wanted) && extname(wanted) ? wanted : index
  res
    .writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' })
    .end(readFileSync(file))
}
