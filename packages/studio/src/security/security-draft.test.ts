import { validateProject } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import type { EntityMetadata } from '../api/entities.js'
import {
  draftFromProject,
  draftToSecurity,
  formPath,
  presetFor,
  validateSecurityDraft,
  withoutPageRule,
} from './security-draft.js'

const field = (name: string, type: 'integer' | 'string', extra: object = {}) => ({
  name,
  type,
  nullable: true,
  primaryKey: false,
  readOnly: false,
  required: false,
  unique: false,
  filterOperators: ['eq'],
  ...extra,
})
const employee: EntityMetadata = {
  name: 'employee',
  primaryKey: 'empId',
  passwordField: 'password',
  fields: [
    field('empId', 'integer', { primaryKey: true, unique: true }),
    field('firstname', 'string'),
    field('username', 'string', { unique: true }),
    field('role', 'string', { values: ['user', 'admin'] }),
    field('deptId', 'integer'),
  ],
}
const department: EntityMetadata = {
  name: 'department',
  primaryKey: 'deptId',
  fields: [field('deptId', 'integer', { primaryKey: true, unique: true }), field('name', 'string')],
}

const project = (security: unknown) =>
  validateProject({ name: 'app', homePage: 'Main', pages: ['Main', 'Admin'], security })

describe('the Security section form', () => {
  it('reads { enabled: true } as the built-in Employee mapping, every page for signed-in users', () => {
    expect(draftFromProject(project({ enabled: true }))).toEqual({
      enabled: true,
      entity: 'employee',
      idField: 'empId',
      usernameField: 'username',
      passwordField: 'password',
      roleField: 'role',
      pages: { Main: { access: 'signedIn', roles: [] }, Admin: { access: 'signedIn', roles: [] } },
    })
  })

  it('writes back a file the runtime accepts, leaving out what an unlisted page means', () => {
    const draft = draftFromProject(project({ enabled: false }))
    draft.enabled = true
    draft.pages.Admin = { access: 'roles', roles: ['admin'] }
    draft.pages.Main = { access: 'everyone', roles: [] }
    const security = draftToSecurity({ ...draft, roleField: 'role' })
    expect(security.pages).toEqual({ Main: { access: 'everyone' }, Admin: { access: 'roles', roles: ['admin'] } })
    expect(draftFromProject(project(security))).toEqual({ ...draft, roleField: 'role' })
    expect(draftToSecurity({ ...draft, roleField: '', pages: {} }).provider).not.toHaveProperty('roleField')
  })

  it('presets an entity: its key, a unique username, its password, its role', () => {
    expect(presetFor(employee)).toEqual({
      entity: 'employee',
      idField: 'empId',
      usernameField: 'username',
      passwordField: 'password',
      roleField: 'role',
    })
    expect(presetFor(department)).toMatchObject({ idField: 'deptId', usernameField: '', passwordField: '' })
  })

  it('finds what the server would refuse, on the fields, saying what to pick', () => {
    const draft = {
      ...draftFromProject(project({ enabled: true })),
      idField: 'username',
      usernameField: 'firstname',
      roleField: 'deptId',
    }
    draft.pages.Admin = { access: 'roles', roles: [] }
    expect(validateSecurityDraft(draft, employee)).toEqual({
      idField: ['Pick empId, the key of employee.'],
      usernameField: ['Pick a field no two users share: username.'],
      roleField: ['Pick a text field, or no role field.'],
      'pages.Admin': ['Add at least one role, or let every signed-in user in.'],
    })
    expect(validateSecurityDraft({ ...draft, ...presetFor(department) }, department).entity).toEqual([
      'department stores no password, so nobody can sign in with it. Pick another entity.',
    ])
    expect(validateSecurityDraft({ ...draftFromProject(project({ enabled: true })) }, employee)).toEqual({})
  })

  it("puts the server's problems on the form's fields", () => {
    expect(formPath('security.provider.usernameField')).toBe('usernameField')
    expect(formPath('security.pages.Admin.roles')).toBe('pages.Admin')
    expect(formPath('body.security.pages.Admin')).toBe('pages.Admin')
  })

  it('drops the rule of a deleted page', () => {
    const security = project({ enabled: true, pages: { Admin: { access: 'everyone' } } }).security
    expect(withoutPageRule(security, 'Admin')).toEqual({ enabled: true })
    expect(withoutPageRule(security, 'Main')).toBe(security)
  })
})
