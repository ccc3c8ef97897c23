import type { PageAccessRule, SecurityDefinition } from './page/index.js'

/** What opening a page comes to for the current user. */
export type PageAccessDecision =
  /** Show the page. */
  | 'open'
  /** Nobody is signed in and the page needs someone: show the sign-in form, then come back. */
  | 'signIn'
  /** The signed-in user lacks every role the page asks for: say so, offer to sign out. */
  | 'denied'

/** Who may open a page that security lists nowhere: anyone signed in (as `{ "enabled": true }` always meant). */
const UNLISTED: PageAccessRule = { access: 'signedIn' }

/** The rule for `page`: its own, else "signed-in users"; everyone when security is off. */
export function pageAccessRule(security: SecurityDefinition | undefined, page: string): PageAccessRule {
  if (!security?.enabled) return { access: 'everyone' }
  return (Object.hasOwn(security.pages ?? {}, page) ? security.pages?.[page] : undefined) ?? UNLISTED
}

/**
 * Decides whether the user may open `page`. The app shows the answer (the page, the sign-in form or a
 * "no access" message); the data behind a page stays guarded by the server whatever this says.
 *
 * @example
 * canOpenPage(project.security, 'Admin', loggedInUser.dataSet) // 'denied' for a user without the role
 */
export function canOpenPage(
  security: SecurityDefinition | undefined,
  page: string,
  user: { isAuthenticated: boolean; roles: readonly string[] },
): PageAccessDecision {
  const rule = pageAccessRule(security, page)
  if (rule.access === 'everyone') return 'open'
  if (!user.isAuthenticated) return 'signIn'
  if (rule.access === 'signedIn') return 'open'
  return (rule.roles ?? []).some((role) => user.roles.includes(role)) ? 'open' : 'denied'
}

/** Whether a visitor who is not signed in can open any page (then the app loads before anyone signs in). */
export function welcomesVisitors(security: SecurityDefinition | undefined): boolean {
  if (!security?.enabled) return true
  return Object.values(security.pages ?? {}).some((rule) => rule.access === 'everyone')
}
