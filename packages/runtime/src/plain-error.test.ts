import { CloseCodes, ErrorCodes } from '@tether/core'
import { describe, expect, it } from 'vitest'
import { failureDetail, plainErrorMessage } from './plain-error.js'

/** What a user must never read: error codes, close codes or HTTP statuses, URLs, API paths. */
const DEVELOPER_TEXT = /TETHER_|\b\d{3,4}\b|:\/\/|\/api\/|\/websocket\/|\bHTTP\b|close code|undefined|null/i

function expectPlain(sentence: string): void {
  expect(sentence).not.toMatch(DEVELOPER_TEXT)
  // A sentence: a capital first, a full stop last.
  expect(sentence).toMatch(/^[A-Z].*[.…]$/)
}

describe('plainErrorMessage', () => {
  it('says every core error code in plain words, each its own known sentence', () => {
    const fallback = plainErrorMessage({ code: 'TETHER_NO_SUCH_CODE' })
    for (const code of Object.values(ErrorCodes)) {
      const sentence = plainErrorMessage({ code, message: `ws://host:8080/api/x failed with ${code}` })
      expectPlain(sentence)
      expect(sentence, code).not.toBe(fallback)
    }
  })

  it('says every close code in plain words, whatever the code of the failure', () => {
    const closeCodes = [...Object.values(CloseCodes), ...Array.from({ length: 16 }, (_, i) => 1000 + i), 4000, 4999]
    for (const closeCode of closeCodes) {
      for (const code of [ErrorCodes.CONNECT_FAILED, ErrorCodes.CONNECTION_LOST, undefined]) {
        expectPlain(plainErrorMessage({ code, closeCode, message: `closed with ${closeCode}` }))
      }
    }
    expect(plainErrorMessage({ code: ErrorCodes.CONNECT_FAILED, closeCode: 4401 })).toBe(
      'You were signed out. Sign in again.',
    )
    expect(plainErrorMessage({ code: ErrorCodes.CONNECTION_LOST, closeCode: 1006 })).toBe(
      plainErrorMessage({ code: ErrorCodes.CONNECTION_LOST }),
    )
  })

  it('says every HTTP error status of a CRUD request in plain words', () => {
    for (let httpStatus = 400; httpStatus < 600; httpStatus++) {
      expectPlain(plainErrorMessage({ code: ErrorCodes.CRUD_REQUEST_FAILED, httpStatus }))
    }
    expect(plainErrorMessage({ code: ErrorCodes.CRUD_REQUEST_FAILED, httpStatus: 401 })).toBe(
      'You were signed out. Sign in again.',
    )
    expect(plainErrorMessage({ code: ErrorCodes.CRUD_REQUEST_FAILED, httpStatus: 409 })).toContain('Reload')
  })

  it('has a plain sentence for no failure and for codes it does not know', () => {
    expectPlain(plainErrorMessage(null))
    expectPlain(plainErrorMessage({ code: 'TETHER_FROM_THE_FUTURE', message: 'GET /api/entities/x answered 418' }))
  })
})

describe('failureDetail', () => {
  it('keeps everything a developer needs', () => {
    expect(
      failureDetail({ code: ErrorCodes.CRUD_REQUEST_FAILED, httpStatus: 404, message: 'Could not read x: Not found.' }),
    ).toBe('TETHER_CRUD_REQUEST_FAILED (HTTP 404): Could not read x: Not found.')
    expect(failureDetail({ code: ErrorCodes.CONNECT_FAILED, closeCode: 4401 })).toBe(
      'TETHER_CONNECT_FAILED (close 4401)',
    )
  })
})
