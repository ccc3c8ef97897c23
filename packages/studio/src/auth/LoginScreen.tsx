import { SignInForm } from '@tether/react'
import type { ReactNode } from 'react'

interface Props {
  notice: string | null
  signIn: (username: string, password: string) => Promise<string | null>
}

const STUDIO_CLASSES = {
  form: 'card login-card',
  field: 'field',
  input: '',
  error: 'alert alert-error',
  button: 'button primary wide',
}

/** The admin sign-in form shown before anything else: Tether's one sign-in form, in the studio's look. */
export function LoginScreen({ notice, signIn }: Props): ReactNode {
  return (
    <main className="centered-page">
      <SignInForm
        title="Sign in"
        notice={notice}
        signIn={signIn}
        classes={STUDIO_CLASSES}
        intro={
          <>
            <div className="brand brand-large" aria-hidden="true">
              <span className="brand-mark">◆</span> Tether Studio
            </div>
            <p className="muted">Import WebSocket services and design apps. Administrators only.</p>
          </>
        }
      />
    </main>
  )
}
