import { type ReactNode, useCallback, useEffect, useState } from 'react'
import { setSessionRenewal } from './api/session-renewal.js'
import { LoginScreen } from './auth/LoginScreen.js'
import { SignInAgainDialog } from './auth/SignInAgainDialog.js'
import { StudioUserContext } from './auth/studio-user.js'
import { useSession } from './auth/use-session.js'
import { ProjectPicker } from './projects/ProjectPicker.js'
import { DEFAULT_SECTION } from './shell/route.js'
import { useRoute } from './shell/use-route.js'
import { Workspace } from './shell/Workspace.js'

/** The studio: admin sign-in, then the project picker, then the open project's workspace. */
export function App(): ReactNode {
  const { state, signIn, signOut } = useSession()
  const [route, navigate] = useRoute()
  // While set, a call met an ended session and waits for the admin to sign in again (true) or not.
  const [renewal, setRenewal] = useState<((signedIn: boolean) => void) | null>(null)
  useEffect(() => {
    setSessionRenewal(() => new Promise<boolean>((resolve) => setRenewal(() => resolve)))
    return () => setSessionRenewal(null)
  }, [])
  const finishRenewal = useCallback(
    (signedIn: boolean) => {
      renewal?.(signedIn)
      setRenewal(null)
    },
    [renewal],
  )
  // Signing out with the dialog open: what waited fails rather than waiting forever.
  useEffect(() => {
    if (renewal && state.status === 'signed-out') finishRenewal(false)
  }, [renewal, state.status, finishRenewal])

  if (state.status === 'loading') return <p className="centered-page muted">Loading…</p>
  if (state.status === 'signed-out') return <LoginScreen notice={state.notice} signIn={signIn} />

  return (
    <div className="studio">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Tether Studio
        </a>
        {route.project && (
          <a className="topbar-link" href="#/">
            All projects
          </a>
        )}
        <span className="topbar-spacer" />
        <span className="muted small">Signed in as {state.user.name}</span>
        <button type="button" className="button ghost small" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <StudioUserContext.Provider value={state.user.name}>
        {route.project === null ? (
          <ProjectPicker open={(project) => navigate({ project, section: DEFAULT_SECTION, path: [] })} />
        ) : (
          <Workspace route={{ ...route, project: route.project }} navigate={navigate} />
        )}
      </StudioUserContext.Provider>
      {renewal && (
        <SignInAgainDialog
          signIn={async (username, password) => {
            const problem = await signIn(username, password)
            if (problem === null) finishRenewal(true)
            return problem
          }}
          onCancel={() => finishRenewal(false)}
        />
      )}
    </div>
  )
}
