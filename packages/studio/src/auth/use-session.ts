import { useCallback, useEffect, useState } from 'react'
import { type SessionUser, studioApi } from '../api/studio-api.js'

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; user: SessionUser }

/** The studio is for administrators only; other users are signed out again with a clear notice. */
export const NOT_ADMIN_NOTICE =
  'This account is not an administrator. The studio edits project files, so it needs an admin account (demo: admin / admin).'

export const isAdmin = (user: SessionUser) => user.isAuthenticated && user.roles.includes('admin')

/** Who is signed in, checked once on load; `signIn` and `signOut` update it. */
export function useSession() {
  const [state, setState] = useState<SessionState>({ status: 'loading' })

  useEffect(() => {
    studioApi
      .me()
      .then((user) =>
        setState(
          isAdmin(user)
            ? { status: 'signed-in', user }
            : { status: 'signed-out', notice: user.isAuthenticated ? NOT_ADMIN_NOTICE : null },
        ),
      )
      .catch((error: Error) => setState({ status: 'signed-out', notice: error.message }))
  }, [])

  /** Resolves to an error message to show, or null when signed in as an admin. */
  const signIn = useCallback(async (username: string, password: string): Promise<string | null> => {
    const user = await studioApi.login(username, password)
    if (!isAdmin(user)) {
      await studioApi.logout().catch(() => undefined)
      return NOT_ADMIN_NOTICE
    }
    setState({ status: 'signed-in', user })
    return null
  }, [])

  const signOut = useCallback(async () => {
    await studioApi.logout().catch(() => undefined)
    setState({ status: 'signed-out', notice: null })
  }, [])

  return { state, signIn, signOut }
}
