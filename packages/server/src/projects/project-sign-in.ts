import { BUILT_IN_PROVIDER, providerOf } from '@tether/runtime'
import type { SignInColumnsFor } from '../auth/index.js'
import { signInColumnsOf } from '../crud/index.js'
import { loadProjectFile } from './load-project.js'

/**
 * Where each app's users are: the columns of the provider its `tether.json` names (the built-in
 * Employee mapping when it names none), read from the file at every sign-in so a saved change applies
 * at once. `null` (the studio, the admin) always gets the built-in mapping.
 */
export function projectSignInColumns(projectsDir: string): SignInColumnsFor {
  return async (project) => {
    if (project === null) return signInColumnsOf(BUILT_IN_PROVIDER)
    const definition = await loadProjectFile(projectsDir, project)
    return signInColumnsOf(providerOf(definition.security))
  }
}
