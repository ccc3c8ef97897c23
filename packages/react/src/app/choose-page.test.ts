import { describe, expect, it } from 'vitest'
import { choosePage } from './choose-page.js'

// Finding 13 of issue 12: `/apps/chatroom/#/valueOf` blanked the app (a prototype member taken for a page).
describe('choosePage', () => {
  const pages = { Main: {}, Chat: {} }

  it('picks the linked page, or the home page when the link names none', () => {
    expect(choosePage(pages, 'Chat', 'Main')).toEqual({ kind: 'page', name: 'Chat' })
    expect(choosePage(pages, null, 'Main')).toEqual({ kind: 'page', name: 'Main' })
  })

  it.each(['valueOf', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Nope'])(
    'answers "not found" for #/%s',
    (name) => {
      expect(choosePage(pages, name, 'Main')).toEqual({ kind: 'not-found', name })
    },
  )

  it('answers "not found" when the home page itself is missing', () => {
    expect(choosePage({}, null, 'Main')).toEqual({ kind: 'not-found', name: 'Main' })
  })
})
