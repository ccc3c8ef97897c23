import type { LoggedInUserVariable } from '@tether/runtime'
import { type ReactNode, useState } from 'react'

/**
 * What a signed-in user sees on a page their roles do not open: a plain sentence, and the two ways on —
 * sign out (to sign in as someone else) or go to the home page.
 */
export function NoAccess({ user, page }: { user: LoggedInUserVariable; page: string }): ReactNode {
  const [problem, setProblem] = useState<string | null>(null)
  const signOut = () => {
    setProblem(null)
    // Signing out moves the app to its sign-in form (App listens to the user); only a failure stays here.
    user.logout().catch((error: unknown) => setProblem((error as Error).message))
  }
  return (
    <div className="tether-login" role="alert" data-no-access={page}>
      <h1>You don't have access to this page</h1>
      <p>
        {user.dataSet.name ? `You are signed in as ${user.dataSet.name}, ` : 'You are signed in '}
        and this page is for other roles. Sign in as someone who may open it, or go to the home page.
      </p>
      {problem && <p className="tether-state-error">{problem}</p>}
      <button type="button" className="tether-button" onClick={signOut}>
        Sign out
      </button>
      <a href="#/">Go to the home page</a>
    </div>
  )
}
