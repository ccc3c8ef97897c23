import { type FormEvent, type ReactNode, useState } from 'react'

/** Class names of the form's parts, so each app keeps its own look. */
export interface SignInFormClasses {
  form?: string
  field?: string
  input?: string
  error?: string
  button?: string
}

export interface SignInFormProps {
  title: string
  /** Shown between the title and the fields (who may sign in, a logo). Defaults to nothing. */
  intro?: ReactNode
  /** A message shown before the first attempt, e.g. "Your session ended". Defaults to none. */
  notice?: string | null
  /** Signs in; resolves to null on success or to a message saying why not (a rejection counts too). */
  signIn(username: string, password: string): Promise<string | null>
  /** Defaults to the app's `tether-*` classes. */
  classes?: SignInFormClasses
}

const APP_CLASSES: Required<SignInFormClasses> = {
  form: 'tether-login',
  field: '',
  input: 'tether-text',
  error: 'tether-state-error',
  button: 'tether-button',
}

/**
 * The one sign-in form of Tether, used by the apps (projects with security on) and by the studio: it
 * keeps the fields, shows the server's message when sign-in fails and disables itself while waiting.
 *
 * @example
 * <SignInForm title="Chat Room" signIn={(username, password) => api.login(username, password)} />
 */
export function SignInForm({ title, intro, notice = null, signIn, classes = {} }: SignInFormProps): ReactNode {
  const css = { ...APP_CLASSES, ...classes }
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
    <form className={css.form} onSubmit={submit} aria-labelledby="tether-sign-in-title">
      <h1 id="tether-sign-in-title">{title}</h1>
      {intro}
      <label className={css.field}>
        <span>Username</span>
        <input
          className={css.input}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className={css.field}>
        <span>Password</span>
        <input
          className={css.input}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className={css.error} role="alert">
          {error}
        </p>
      )}
      <button className={css.button} type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  )
}
