import {
  type PageAccess,
  type PageAccessRule,
  type ProjectDefinition,
  providerOf,
  type SecurityDefinition,
} from '@tether/runtime'
import type { EntityMetadata } from '../api/entities.js'
import type { FieldProblemsByPath } from '../form/index.js'

/** One page's row of the Security section: who can open it, and the roles when only some may. */
export interface PageRuleDraft {
  access: PageAccess
  roles: string[]
}

/** The Security section's form: the switch, the Database provider's choices, a rule per page. */
export interface SecurityDraft {
  enabled: boolean
  entity: string
  idField: string
  usernameField: string
  passwordField: string
  /** '' when users have no role. */
  roleField: string
  pages: Record<string, PageRuleDraft>
}

/** What the page table offers, in the user's words. */
export const ACCESS_LABELS: Record<PageAccess, string> = {
  everyone: 'Everyone',
  signedIn: 'Signed-in users',
  roles: 'Users with these roles',
}

/** The form for the project's saved security: every page listed, unlisted ones as "signed-in users". */
export function draftFromProject(project: ProjectDefinition): SecurityDraft {
  const provider = providerOf(project.security)
  const pages: Record<string, PageRuleDraft> = {}
  for (const page of project.pages) {
    const rule = project.security.pages?.[page]
    pages[page] = { access: rule?.access ?? 'signedIn', roles: [...(rule?.roles ?? [])] }
  }
  return {
    enabled: project.security.enabled,
    entity: provider.entity,
    idField: provider.idField,
    usernameField: provider.usernameField,
    passwordField: provider.passwordField,
    roleField: provider.roleField ?? '',
    pages,
  }
}

/** The `security` of tether.json for the form. "Signed-in users" is what an unlisted page means, so it is not written. */
export function draftToSecurity(draft: SecurityDraft): SecurityDefinition {
  const pages: Record<string, PageAccessRule> = {}
  for (const [page, rule] of Object.entries(draft.pages)) {
    if (rule.access === 'everyone') pages[page] = { access: 'everyone' }
    if (rule.access === 'roles') pages[page] = { access: 'roles', roles: rule.roles }
  }
  return {
    enabled: draft.enabled,
    provider: {
      type: 'database',
      entity: draft.entity,
      idField: draft.idField,
      usernameField: draft.usernameField,
      passwordField: draft.passwordField,
      ...(draft.roleField === '' ? {} : { roleField: draft.roleField }),
    },
    ...(Object.keys(pages).length === 0 ? {} : { pages }),
  }
}

/** Fields that can tell users apart: unique text. */
export const usernameCandidates = (entity: EntityMetadata) =>
  entity.fields.filter((f) => f.type === 'string' && f.unique).map((f) => f.name)

/** Fields that can hold a role: text. */
export const roleCandidates = (entity: EntityMetadata) =>
  entity.fields.filter((f) => f.type === 'string').map((f) => f.name)

/** Sensible choices for a newly picked entity: its key, a `username`-like field, its password, its `role`. */
export function presetFor(
  entity: EntityMetadata,
): Pick<SecurityDraft, 'entity' | 'idField' | 'usernameField' | 'passwordField' | 'roleField'> {
  const usernames = usernameCandidates(entity)
  const roles = roleCandidates(entity)
  return {
    entity: entity.name,
    idField: entity.primaryKey,
    usernameField: usernames.includes('username') ? 'username' : (usernames[0] ?? ''),
    passwordField: entity.passwordField ?? '',
    roleField: roles.includes('role') ? 'role' : '',
  }
}

/**
 * Problems the server would refuse, found before saving, at the form's paths (`entity`, `idField`…,
 * `pages.Admin`). Needs the entity catalog; without it only the form's own rules are checked.
 */
export function validateSecurityDraft(draft: SecurityDraft, entity: EntityMetadata | undefined): FieldProblemsByPath {
  const problems: FieldProblemsByPath = {}
  const add = (path: string, message: string) => {
    problems[path] = [...(problems[path] ?? []), message]
  }
  if (draft.entity === '') add('entity', 'Pick the entity that holds the users.')
  else if (entity) {
    if (entity.passwordField === undefined)
      add('entity', `${entity.name} stores no password, so nobody can sign in with it. Pick another entity.`)
    if (draft.idField !== entity.primaryKey) add('idField', `Pick ${entity.primaryKey}, the key of ${entity.name}.`)
    if (!usernameCandidates(entity).includes(draft.usernameField))
      add('usernameField', `Pick a field no two users share: ${usernameCandidates(entity).join(', ') || 'none'}.`)
    if (entity.passwordField !== undefined && draft.passwordField !== entity.passwordField)
      add('passwordField', `Pick ${entity.passwordField}, where ${entity.name} keeps password hashes.`)
    if (draft.roleField !== '' && !roleCandidates(entity).includes(draft.roleField))
      add('roleField', 'Pick a text field, or no role field.')
  }
  for (const [page, rule] of Object.entries(draft.pages)) {
    if (rule.access !== 'roles') continue
    if (draft.roleField === '') add(`pages.${page}`, 'Pick a role field above, or let every signed-in user in.')
    else if (rule.roles.length === 0) add(`pages.${page}`, 'Add at least one role, or let every signed-in user in.')
  }
  return problems
}

/** A server problem's path (`security.provider.entity`, `security.pages.Admin.roles`) as the form's. */
export function formPath(serverPath: string): string {
  const path = serverPath.replace(/^body\.?/, '').replace(/^security\.?/, '')
  const page = /^pages\.([^.]+)/.exec(path)
  if (page) return `pages.${page[1]}`
  return path.replace(/^provider\.?/, '') || 'enabled'
}

/** The rules without `page`'s (it is being deleted): a rule for a page the project lacks is invalid. */
export function withoutPageRule(security: SecurityDefinition, page: string): SecurityDefinition {
  if (!security.pages || !Object.hasOwn(security.pages, page)) return security
  const { [page]: _removed, ...pages } = security.pages
  const { pages: _all, ...rest } = security
  return Object.keys(pages).length === 0 ? rest : { ...rest, pages }
}
