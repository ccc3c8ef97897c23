import { canOpenPage, providerOf } from '@tether/runtime'
import type { EntityMetadata } from '../api/entities.js'
import type { ProjectContents } from '../api/studio-api.js'

/**
 * What in the project's security will not work as meant when the app runs: a home page some signed-in
 * users may not open, or a page rule naming a role no user can have (the role field allows only certain
 * values). `entities` is the server's catalog when loaded.
 */
export function findSecurityProblems(contents: ProjectContents, entities: readonly EntityMetadata[] = []): string[] {
  const { security, homePage } = contents.project
  // Contents built by hand (tests, an older file) may lack security: off.
  if (!security?.enabled) return []
  const problems: string[] = []
  if (canOpenPage(security, homePage, { isAuthenticated: true, roles: [] }) === 'denied')
    problems.push(
      `Only some roles may open the home page ${homePage}: everyone else sees "You don't have access" when the app opens. Let every signed-in user in, or make another page the home page.`,
    )
  const provider = providerOf(security)
  const entity = entities.find((e) => e.name === provider.entity)
  const allowed = entity?.fields.find((f) => f.name === provider.roleField)?.values
  if (allowed !== undefined)
    for (const [page, rule] of Object.entries(security.pages ?? {}))
      for (const role of rule.roles ?? [])
        if (!allowed.includes(role))
          problems.push(
            `The page ${page} lets in the role "${role}", which no user can have (${provider.roleField} is one of ${allowed.join(', ')}).`,
          )
  return problems
}
