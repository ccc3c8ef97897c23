import { type FormEvent, type ReactNode, useState } from 'react'

/** Sign-in form for projects with security on; `onSignedIn` reloads the project as the new user. */
export function LoginPage({ title, onSignedIn }: { title: string; onSignedIn: () => void }): ReactNode {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      })
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null
        throw new Error(body?.message ?? `Sign-in failed (HTTP ${response.status}).`)
      }
      onSignedIn()
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="tether-login" onSubmit={submit}>
      <h1>{title}</h1>
      <label>
        Username
        <input
          className="tether-text"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        Password
        <input
          className="tether-text"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <div className="tether-state-error" role="alert">
          {error}
        </div>
      )}
      <button className="tether-button" type="submit" disabled={busy || username === ''}>
        Sign in
      </button>
    </form>
  )
}
