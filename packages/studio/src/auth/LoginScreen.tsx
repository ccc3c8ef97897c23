import { type FormEvent, type ReactNode, useState } from 'react'

interface Props {
  notice: string | null
  signIn: (username: string, password: string) => Promise<string | null>
}

/** The admin sign-in form shown before anything else. */
export function LoginScreen({ notice, signIn }: Props): ReactNode {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(notice)
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      setError(await signIn(username, password))
    } catch (failure) {
      setError((failure as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="centered-page">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">◆</span> Tether Studio
        </div>
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Import WebSocket services and design apps. Administrators only.</p>
        <label className="field">
          <span>Username</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        <button className="button primary wide" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
