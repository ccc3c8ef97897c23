import { ErrorCodes, isTetherError } from '@tether/core'
import { describe, expect, it } from 'vitest'
import { canOpenPage, welcomesVisitors } from '../page-access.js'
import { BUILT_IN_PROVIDER, providerOf } from './security.js'
import { validateProject } from './validate.js'

const base = { name: 'chat', homePage: 'Main', pages: ['Main', 'Admin'] }
const provider = {
  type: 'database',
  entity: 'employee',
  idField: 'empId',
  usernameField: 'username',
  passwordField: 'password',
  roleField: 'role',
}

function problemsOf(security: unknown) {
  try {
    validateProject({ ...base, security })
  } catch (error) {
    if (!isTetherError(error, ErrorCodes.INVALID_PAGE_DEFINITION)) throw error
    return error.details.map((d) => `${d.path}: ${d.message}`)
  }
  throw new Error('expected a validation error')
}

describe('project security', () => {
  it('keeps { enabled: true } valid, meaning the built-in Employee mapping', () => {
    const project = validateProject({ ...base, security: { enabled: true } })
    expect(project.security).toEqual({ enabled: true })
    expect(providerOf(project.security)).toEqual(BUILT_IN_PROVIDER)
    expect(validateProject(base).security).toEqual({ enabled: false })
  })

  it('accepts a provider and page rules', () => {
    const security = {
      enabled: true,
      provider,
      pages: { Main: { access: 'everyone' }, Admin: { access: 'roles', roles: ['admin'] } },
    }
    const project = validateProject({ ...base, security })
    expect(project.security).toEqual(security)
    expect(providerOf(project.security)).toEqual(provider)
  })

  it('names a missing provider field and says what to pick', () => {
    const { usernameField: _, ...withoutUsername } = provider
    expect(problemsOf({ enabled: true, provider: { ...withoutUsername, passwordField: '' } })).toEqual([
      'security.provider.usernameField: pick the username field',
      'security.provider.passwordField: pick the password field',
    ])
  })

  it('refuses a rule for a page the project does not have', () => {
    expect(problemsOf({ enabled: true, pages: { Nope: { access: 'signedIn' } } })).toEqual([
      'security.pages.Nope: "Nope" is not one of pages: remove its rule or add the page',
    ])
  })

  it('refuses an empty role list, roles without role access, and an unknown access', () => {
    expect(
      problemsOf({
        enabled: true,
        pages: { Main: { access: 'roles', roles: [] }, Admin: { access: 'everyone', roles: ['admin'] } },
      }),
    ).toEqual([
      'security.pages.Main.roles: name at least one role, or let every signed-in user in',
      'security.pages.Admin.roles: roles apply only when access is "roles"',
    ])
    expect(problemsOf({ enabled: true, pages: { Main: { access: 'admins' } } })).toEqual([
      'security.pages.Main.access: choose everyone, signedIn or roles',
    ])
  })

  it('refuses roles when the provider has no role field', () => {
    const { roleField: _, ...noRoles } = provider
    expect(
      problemsOf({ enabled: true, provider: noRoles, pages: { Admin: { access: 'roles', roles: ['a'] } } }),
    ).toEqual([
      'security.pages.Admin.access: users have no role until the provider names a role field: pick one, or let every signed-in user in',
    ])
  })
})

describe('canOpenPage', () => {
  const security = validateProject({
    ...base,
    security: { enabled: true, provider, pages: { Admin: { access: 'roles', roles: ['admin', 'owner'] } } },
  }).security
  const visitor = { isAuthenticated: false, roles: [] }
  const user = { isAuthenticated: true, roles: ['user'] }
  const admin = { isAuthenticated: true, roles: ['admin'] }

  it('opens every page when security is off', () => {
    expect(canOpenPage({ enabled: false }, 'Admin', visitor)).toBe('open')
    expect(welcomesVisitors({ enabled: false })).toBe(true)
  })

  it('asks a visitor to sign in for an unlisted page, and lets any signed-in user in', () => {
    expect(canOpenPage(security, 'Main', visitor)).toBe('signIn')
    expect(canOpenPage(security, 'Main', user)).toBe('open')
    expect(welcomesVisitors(security)).toBe(false)
  })

  it('lets in only users with one of the roles', () => {
    expect(canOpenPage(security, 'Admin', visitor)).toBe('signIn')
    expect(canOpenPage(security, 'Admin', user)).toBe('denied')
    expect(canOpenPage(security, 'Admin', admin)).toBe('open')
  })

  it('opens an everyone page to visitors', () => {
    const open = { enabled: true, pages: { Main: { access: 'everyone' as const } } }
    expect(canOpenPage(open, 'Main', visitor)).toBe('open')
    expect(canOpenPage(open, 'Admin', visitor)).toBe('signIn')
    expect(welcomesVisitors(open)).toBe(true)
  })
})
