import type { SecurityProvider } from '@tether/runtime'
import type { SignInColumns } from '../auth/index.js'
import { ApiError, ApiErrorCodes } from '../errors/index.js'
import { type EntityDefinition, entities, findEntity } from './entities.js'

/** One reason a provider cannot sign anyone in, at its path in the project file. */
interface ProviderProblem {
  path: string
  message: string
}

const at = (field: keyof SecurityProvider) => `security.provider.${field}`

/** Names a field choice for a sentence: the entity's string fields, e.g. "username or firstname". */
const listed = (names: string[]) => (names.length === 0 ? 'none' : names.join(', '))

function fieldProblems(provider: SecurityProvider, entity: EntityDefinition): ProviderProblem[] {
  const password = entity.passwordHash
  // An entity without passwords cannot be the users' entity whatever its fields: say only that.
  if (password === undefined) {
    const withPasswords = Object.values(entities).filter((e) => e.passwordHash !== undefined)
    return [
      {
        path: at('entity'),
        message: `${entity.name} stores no password, so nobody can sign in with it. Pick ${listed(withPasswords.map((e) => e.name))}.`,
      },
    ]
  }
  const problems: ProviderProblem[] = []
  const fields = entity.fields
  const has = (name: string) => Object.hasOwn(fields, name)
  const unknown = (field: keyof SecurityProvider, name: string) =>
    problems.push({ path: at(field), message: `${entity.name} has no field "${name}". Pick one of its fields.` })

  if (provider.idField !== entity.idField)
    problems.push({
      path: at('idField'),
      message: `The id field must be ${entity.name}'s key: pick ${entity.idField}.`,
    })

  const uniqueText = Object.entries(fields)
    .filter(([, f]) => f.type === 'string' && f.unique)
    .map(([name]) => name)
  if (!has(provider.usernameField)) unknown('usernameField', provider.usernameField)
  else if (!uniqueText.includes(provider.usernameField))
    problems.push({
      path: at('usernameField'),
      message: `Two ${entity.name} records may share a ${provider.usernameField}, so it cannot tell users apart: pick ${listed(uniqueText)}.`,
    })

  if (provider.passwordField !== password.field)
    problems.push({
      path: at('passwordField'),
      message: `The password field must be where ${entity.name} stores password hashes: pick ${password.field}.`,
    })

  if (provider.roleField !== undefined) {
    const text = Object.entries(fields)
      .filter(([, f]) => f.type === 'string')
      .map(([name]) => name)
    if (!has(provider.roleField)) unknown('roleField', provider.roleField)
    else if (fields[provider.roleField]?.type !== 'string')
      problems.push({
        path: at('roleField'),
        message: `A role is a word, and ${provider.roleField} is not text: pick one of ${listed(text)}, or no role field.`,
      })
  }
  return problems
}

/**
 * Checks a Database provider against the entity catalog: the entity exists, the id field is its key,
 * the username field tells users apart, the password field is its stored password hash and the role
 * field is text. Refuses with `400 TETHER_SECURITY_PROVIDER_INVALID`, each problem at its path.
 */
export function checkSignInProvider(provider: SecurityProvider): void {
  const entity = findEntity(provider.entity)
  const problems: ProviderProblem[] = entity
    ? fieldProblems(provider, entity)
    : [
        {
          path: at('entity'),
          message: `There is no entity "${provider.entity}". Pick one of ${listed(Object.keys(entities))}.`,
        },
      ]
  const first = problems[0]
  if (first === undefined) return
  throw new ApiError(400, ApiErrorCodes.SECURITY_PROVIDER_INVALID, `Security cannot sign users in: ${first.message}`, {
    details: problems,
  })
}

/**
 * The columns a sign-in through `provider` reads, taken from the entity whitelist only (never from the
 * project file's text). The provider must have passed `checkSignInProvider`.
 */
export function signInColumnsOf(provider: SecurityProvider): SignInColumns {
  checkSignInProvider(provider)
  const entity = findEntity(provider.entity)!
  const column = (field: string) => entity.fields[field]!.column
  return {
    table: entity.table,
    id: column(entity.idField),
    username: column(provider.usernameField),
    passwordHash: entity.passwordHash!.column,
    role: provider.roleField === undefined ? null : column(provider.roleField),
  }
}
