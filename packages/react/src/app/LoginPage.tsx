import type { ReactNode } from 'react'
import { SignInForm } from '../sign-in/index.js'

/** Signs in to the app `project` through `POST /api/auth/login` (its own users): null on success, else the server's message. */
async function signInToServer(project: string, username: string, password: string): Promise<string | null> {
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, project }),
  })
  if (response.ok) return null
  const body = (await response.json().catch(() => null)) as { message?: string } | null
  if (body?.message) return body.message
  console.error(`[tether] sign-in answered HTTP ${response.status}`)
  return "Couldn't sign in. Try again in a moment."
}

/** Sign-in page for projects with security on; `onSignedIn` reloads the project as the new user. */
export function LoginPage({
  title,
  project,
  notice = null,
  onSignedIn,
}: {
  title: string
  /** The app's name: its security provider says who may sign in. */
  project: string
  /** Why the form is shown, e.g. the session ended. Defaults to none. */
  notice?: string | null
  onSignedIn: () => void
}): ReactNode {
  return (
    <SignInForm
      title={title}
      notice={notice}
      signIn={async (username, password) => {
        const problem = await signInToServer(project, username, password)
        if (problem === null) onSignedIn()
        return problem
      }}
    />
  )
}
