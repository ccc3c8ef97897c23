import { isIdentifier } from '@tether/core'
import { z } from 'zod'

/**
 * A project's security (`tether.json` → `security`): whether the app needs a sign-in, where its users
 * come from (the provider) and who may open each page. `{ "enabled": true }` alone keeps meaning what
 * it always did: users are the Employee entity's, signed in by username, with the Employee's role.
 */

/** Who may open a page: anyone, anyone signed in, or signed-in users with one of `roles`. */
export const PAGE_ACCESS = ['everyone', 'signedIn', 'roles'] as const
export type PageAccess = (typeof PAGE_ACCESS)[number]

const fieldName = (what: string) => z.string({ error: `pick the ${what}` }).min(1, `pick the ${what}`)

/**
 * The Database provider: users are the records of a CRUD entity. `idField` must be the entity's key
 * and `passwordField` its stored password hash; the server checks both against its entity catalog
 * when the project is saved, and signs users of this app in through exactly these fields.
 */
export const securityProviderSchema = z.strictObject({
  type: z.literal('database', { error: 'the only provider is "database"' }),
  entity: z.string({ error: 'pick the entity that holds the users' }).min(1, 'pick the entity that holds the users'),
  idField: fieldName('id field'),
  usernameField: fieldName('username field'),
  passwordField: fieldName('password field'),
  /** The field holding the user's role. Defaults to none: signed-in users have no role. */
  roleField: z.string().min(1, 'pick the role field, or leave it out').optional(),
})
export type SecurityProvider = z.infer<typeof securityProviderSchema>

/** What `{ "enabled": true }` without a provider means: the Employee entity's users (the demo logins). */
export const BUILT_IN_PROVIDER: Readonly<SecurityProvider> = Object.freeze({
  type: 'database',
  entity: 'employee',
  idField: 'empId',
  usernameField: 'username',
  passwordField: 'password',
  roleField: 'role',
})

export const pageAccessSchema = z
  .strictObject({
    access: z.enum(PAGE_ACCESS, { error: 'choose everyone, signedIn or roles' }),
    /** With `access: 'roles'`: the roles that may open the page (any one of them). */
    roles: z.array(z.string().trim().min(1, 'a role needs a name')).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.access === 'roles' && (rule.roles === undefined || rule.roles.length === 0))
      ctx.addIssue({
        code: 'custom',
        path: ['roles'],
        message: 'name at least one role, or let every signed-in user in',
      })
    if (rule.access !== 'roles' && rule.roles !== undefined)
      ctx.addIssue({ code: 'custom', path: ['roles'], message: 'roles apply only when access is "roles"' })
  })
export type PageAccessRule = z.infer<typeof pageAccessSchema>

export const securitySchema = z
  .strictObject({
    enabled: z.boolean(),
    /** Where users come from. Defaults to `BUILT_IN_PROVIDER` (the Employee entity). */
    provider: securityProviderSchema.optional(),
    /** Page name → who may open it. A page not listed needs a signed-in user. Defaults to none. */
    pages: z.record(z.string().refine(isIdentifier, 'page names are identifiers'), pageAccessSchema).optional(),
  })
  .superRefine((security, ctx) => {
    const roleField = (security.provider ?? BUILT_IN_PROVIDER).roleField
    if (roleField !== undefined) return
    for (const [page, rule] of Object.entries(security.pages ?? {}))
      if (rule.access === 'roles')
        ctx.addIssue({
          code: 'custom',
          path: ['pages', page, 'access'],
          message: 'users have no role until the provider names a role field: pick one, or let every signed-in user in',
        })
  })
export type SecurityDefinition = z.infer<typeof securitySchema>

/** The project's provider: the one it names, else the built-in Employee mapping. */
export function providerOf(security: Pick<SecurityDefinition, 'provider'> | undefined): SecurityProvider {
  return security?.provider ?? BUILT_IN_PROVIDER
}
