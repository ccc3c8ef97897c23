// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { SignInForm } from './SignInForm.js'

afterEach(() => cleanup())

function fill(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } })
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } })
  fireEvent.submit(screen.getByRole('button', { name: 'Sign in' }).closest('form') as HTMLFormElement)
}

describe('SignInForm', () => {
  it("passes what was typed, shows the refusal's message, keeps the fields, and is disabled while waiting", async () => {
    const attempts: [string, string][] = []
    let answer: (problem: string | null) => void = () => {}
    render(
      <SignInForm
        title="Chat Room"
        signIn={(username, password) => {
          attempts.push([username, password])
          return new Promise((resolve) => {
            answer = resolve
          })
        }}
      />,
    )
    fill('user1', 'wrong')
    expect(screen.getByRole('button', { name: 'Signing in…' })).toHaveProperty('disabled', true)
    answer('Wrong username or password.')
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Wrong username or password.'))
    expect(attempts).toEqual([['user1', 'wrong']])
    expect(screen.getByLabelText('Username')).toHaveProperty('value', 'user1')
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false)
  })

  it('shows a notice first, reports a rejected sign-in, and clears the message on success', async () => {
    let fail = true
    render(
      <SignInForm
        title="Sign in"
        notice="Your session ended."
        classes={{ form: 'card', error: 'alert' }}
        signIn={async () => {
          if (fail) throw new Error('The server is not reachable.')
          return null
        }}
      />,
    )
    expect(screen.getByRole('alert').textContent).toBe('Your session ended.')
    expect(screen.getByRole('alert').className).toBe('alert')
    fill('admin', 'admin')
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The server is not reachable.'))
    fail = false
    fill('admin', 'admin')
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
    expect(screen.getByRole('heading', { name: 'Sign in' }).closest('form')?.className).toBe('card')
  })
})
