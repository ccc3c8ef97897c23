import type { ReactNode } from 'react'
import { SignInForm } from '../sign-in/index.js'

/** Signs in through `POST /api/auth/login`: null on success, else the server's message. */
async function signInToServer(username: string, password: string): Promise<string | null> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (response.ok) return null
  const body = (await response.json().catch(() => null)) as { message?: string } | null
  return body?.message ?? `Sign-in failed (HTTP ${response.status}).`
}

/** Sign-in page for projects with security on; `onSignedIn` reloads the project as the new user. */
export function LoginPage({
  title,
  notice = null,
  onSignedIn,
}: {
  title: string
  /** Why the form is shown, e.g. the session ended. Defaults to none. */
  notice?: string | null
  onSignedIn: () => void
}): ReactNode {
  return (
    <SignInForm
      title={title}
      notice={notice}
      signIn={async (username, password) => {
        const problem = await signInToServer(username, password)
        if (problem === null) onSignedIn()
        return problem
      }}
    />
  )
}
