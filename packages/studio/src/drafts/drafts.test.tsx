// @vitest-environment happy-dom
import { act, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { draftKey, MAX_DRAFT_CHARS, moveDrafts, readDraft, removeDraft, writeDraft } from './draft-storage.js'
import { confirmLeave, unsavedWork, useLeaveGuard } from './leave-guard.js'
import { useDraft } from './use-draft.js'

afterEach(() => window.localStorage.clear())

describe('draft storage', () => {
  it('keeps one draft per project and file until removed, and refuses one over the size limit', () => {
    const key = draftKey('shop', 'pages/Main')
    expect(writeDraft(key, { widgets: [1] }, '{"widgets":[]}')).toBe(true)
    expect(readDraft(draftKey('other', 'pages/Main'))).toBeNull()
    expect(readDraft(key)).toMatchObject({ value: { widgets: [1] }, base: '{"widgets":[]}' })
    expect(writeDraft(key, 'x'.repeat(MAX_DRAFT_CHARS), '')).toBe(false)
    expect(readDraft(key)?.value).toEqual({ widgets: [1] })
    removeDraft(key)
    expect(readDraft(key)).toBeNull()
  })

  it("moves a project's drafts with a rename and deletes them with the project", () => {
    writeDraft(draftKey('shop', 'pages/Main'), 1, '')
    writeDraft(draftKey('shop', 'services/new'), 2, '')
    writeDraft(draftKey('shopping', 'pages/Main'), 3, '')
    moveDrafts('shop', 'store')
    expect(readDraft(draftKey('shop', 'pages/Main'))).toBeNull()
    expect(readDraft(draftKey('store', 'services/new'))?.value).toBe(2)
    expect(readDraft(draftKey('shopping', 'pages/Main'))?.value).toBe(3)
    moveDrafts('store', null)
    expect(readDraft(draftKey('store', 'pages/Main'))).toBeNull()
  })
})

function Editor({ value, dirty }: { value: string; dirty: boolean }) {
  const draft = useDraft(draftKey('shop', 'pages/Main'), value, dirty, '"saved"')
  useLeaveGuard(dirty ? 'the page Main' : null, { project: 'shop', section: 'pages', path: ['Main'] })
  return <p>{draft.offer ? `offer: ${String(draft.offer.value)}` : 'no offer'}</p>
}

describe('useDraft and useLeaveGuard', () => {
  it('stores while dirty, offers the draft on reopening without overwriting it, and asks only when leaving', () => {
    const first = render(<Editor value="edited" dirty />)
    expect(readDraft(draftKey('shop', 'pages/Main'))?.value).toBe('edited')
    expect(unsavedWork({ project: 'shop', section: 'pages', path: ['Main'] })).toEqual([])
    expect(unsavedWork({ project: 'shop', section: 'variables', path: [] })).toEqual(['the page Main'])
    const confirm = vi.fn(() => false)
    window.confirm = confirm
    expect(confirmLeave({ project: 'shop', section: 'variables', path: [] })).toBe(false)
    expect((confirm.mock.calls[0] as unknown[] | undefined)?.[0]).toMatch(/unsaved changes to the page Main/)
    first.unmount()
    expect(unsavedWork()).toEqual([])

    // Reopened on the saved page: the draft is offered and still stored.
    const second = render(<Editor value="saved" dirty={false} />)
    expect(second.container.textContent).toBe('offer: edited')
    expect(readDraft(draftKey('shop', 'pages/Main'))?.value).toBe('edited')
    second.unmount()

    // Saved (clean) with no offer pending: the draft is removed.
    window.localStorage.clear()
    const third = render(<Editor value="x" dirty />)
    act(() => third.rerender(<Editor value="x" dirty={false} />))
    expect(readDraft(draftKey('shop', 'pages/Main'))).toBeNull()
    third.unmount()
  })
})
