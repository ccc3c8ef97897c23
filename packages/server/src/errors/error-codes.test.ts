import { readFileSync } from 'node:fs'
import { plainErrorMessage } from '@tether/runtime'
import { describe, expect, it } from 'vitest'
import { ApiErrorCodes } from './error-codes.js'

/** The codes in the first column of the README's "Error codes" table, in order. */
function readmeErrorCodes(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.split('### Error codes')[1]?.split('\n## ')[0] ?? ''
  return [...section.matchAll(/^\| `(TETHER_[A-Z_]+)` \|/gm)].map((match) => match[1] as string)
}

describe('ApiErrorCodes', () => {
  it('is exactly the README error-code table, each code once', () => {
    const codes = readmeErrorCodes()
    expect(new Set(codes).size).toBe(codes.length)
    expect([...codes].sort()).toEqual([...new Set(Object.values(ApiErrorCodes))].sort())
  })
})

describe('ApiErrorCodes in an app', () => {
  it('reach app users as plain sentences, with no code, status, URL or path', () => {
    for (const code of Object.values(ApiErrorCodes)) {
      for (const httpStatus of [undefined, 400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 503]) {
        const sentence = plainErrorMessage({ code, httpStatus, message: `GET /api/entities/x: ${code}` })
        expect(sentence, code).not.toMatch(/TETHER_|\b\d{3}\b|:\/\/|\/api\/|\bHTTP\b/)
      }
    }
  })
})
