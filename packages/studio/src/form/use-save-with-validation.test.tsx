// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { type FieldProblemsByPath, type SaveOutcome, useSaveWithValidation } from './use-save-with-validation.js'

afterEach(cleanup)

/** A form of two fields saved through the hook; `found` is what validation reports on submit. */
function Harness({ found, save }: { found: FieldProblemsByPath; save: () => Promise<SaveOutcome> }) {
  const { formRef, problems, saveError, busy, saveIfValid } = useSaveWithValidation()
  return (
    <form
      ref={formRef}
      onSubmit={(event) => {
        event.preventDefault()
        void saveIfValid(found, save).then((saved) => {
          if (saved) document.title = 'saved'
        })
      }}
    >
      {['name', 'url'].map((path) => (
        <input key={path} aria-label={path} aria-invalid={problems[path] ? true : undefined} />
      ))}
      {saveError && <p role="alert">{saveError}</p>}
      <button type="submit">{busy ? 'Saving…' : 'Save'}</button>
    </form>
  )
}

/** A save the test finishes by hand, so the busy state in between can be seen. */
function pendingSave() {
  let finish: (outcome: SaveOutcome) => void = () => {}
  const calls: number[] = []
  const save = () => {
    calls.push(calls.length)
    return new Promise<SaveOutcome>((resolve) => {
      finish = resolve
    })
  }
  return { save, calls, finish: (outcome: SaveOutcome) => act(async () => finish(outcome)) }
}

describe('useSaveWithValidation', () => {
  it('shows the problems, focuses the first invalid field and does not save', async () => {
    const pending = pendingSave()
    render(<Harness found={{ url: ['Type a URL.'], name: ['Type a name.'] }} save={pending.save} />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(screen.getByLabelText('name').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByLabelText('url').getAttribute('aria-invalid')).toBe('true')
    // The first invalid field in the form's order, whatever order the problems were listed in.
    expect(document.activeElement).toBe(screen.getByLabelText('name'))
    expect(pending.calls).toEqual([])
  })

  it('saves a valid form, busy until the save answers', async () => {
    document.title = ''
    const pending = pendingSave()
    render(<Harness found={{}} save={pending.save} />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(pending.calls).toEqual([0])
    expect(screen.getByRole('button').textContent).toBe('Saving…')
    await pending.finish({ ok: true })
    expect(screen.getByRole('button').textContent).toBe('Save')
    expect(document.title).toBe('saved')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('shows what the server refused on its fields, and clears it on the next try', async () => {
    document.title = ''
    const pending = pendingSave()
    const { rerender } = render(<Harness found={{}} save={pending.save} />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    await pending.finish({ ok: false, message: 'The name is taken.', problems: { name: ['Taken.'] } })
    expect(screen.getByRole('alert').textContent).toBe('The name is taken.')
    expect(screen.getByLabelText('name').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('button').textContent).toBe('Save')
    expect(document.title).toBe('')

    rerender(<Harness found={{ url: ['Type a URL.'] }} save={pending.save} />)
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByLabelText('name').getAttribute('aria-invalid')).toBeNull()
    expect(document.activeElement).toBe(screen.getByLabelText('url'))
    expect(pending.calls).toEqual([0])
  })
})
