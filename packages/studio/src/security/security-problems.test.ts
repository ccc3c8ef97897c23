import { validateProject } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import type { EntityMetadata } from '../api/entities.js'
import type { ProjectContents } from '../api/studio-api.js'
import { findSecurityProblems } from './security-problems.js'

const employee = {
  name: 'employee',
  primaryKey: 'empId',
  fields: [{ name: 'role', type: 'string', values: ['user', 'admin'] }],
} as unknown as EntityMetadata

const contents = (security: unknown) =>
  ({
    project: validateProject({ name: 'app', homePage: 'Main', pages: ['Main', 'Admin'], security }),
    services: {},
    pages: {},
  }) as unknown as ProjectContents

describe('security problems', () => {
  it('says when only some roles may open the home page', () => {
    const problems = findSecurityProblems(
      contents({ enabled: true, pages: { Main: { access: 'roles', roles: ['admin'] } } }),
    )
    expect(problems).toEqual([expect.stringMatching(/^Only some roles may open the home page Main/)])
    expect(
      findSecurityProblems(contents({ enabled: false, pages: { Main: { access: 'roles', roles: ['a'] } } })),
    ).toEqual([])
  })

  it('names a role no user can have, when the catalog says which roles exist', () => {
    const security = { enabled: true, pages: { Admin: { access: 'roles', roles: ['admin', 'admn'] } } }
    expect(findSecurityProblems(contents(security), [employee])).toEqual([
      'The page Admin lets in the role "admn", which no user can have (role is one of user, admin).',
    ])
    expect(findSecurityProblems(contents(security))).toEqual([])
  })
})
