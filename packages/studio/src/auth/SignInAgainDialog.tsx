import { SignInForm } from '@tether/react'
import type { ReactNode } from 'react'
import { Modal } from '../bind/Modal.js'

interface Props {
  signIn: (username: string, password: string) => Promise<string | null>
  /** The admin declines: what was waiting fails with its own error. */
  onCancel: () => void
}

const DIALOG_CLASSES = {
  form: 'sign-in-again',
  field: 'field',
  input: '',
  error: 'alert alert-error',
  button: 'button primary wide',
}

/**
 * Shown over the current screen when the admin session ends mid-work: signing in here lets the studio
 * retry what failed, so the screen (and an unsaved edit) stays as it was.
 */
export function SignInAgainDialog({ signIn, onCancel }: Props): ReactNode {
  return (
    <Modal
      title="Your session ended"
      onClose={onCancel}
      footer={
        <button type="button" className="button ghost" onClick={onCancel}>
          Cancel
        </button>
      }
    >
      <SignInForm
        title="Sign in again"
        intro={<p className="muted">Sign in to continue: your changes are kept and what failed is tried again.</p>}
        signIn={signIn}
        classes={DIALOG_CLASSES}
      />
    </Modal>
  )
}
