import { describe, expect, it } from 'vitest'
import { isTetherError } from '../errors.js'
import { RESUME_KEY_MEMORY, ResumeCursor, validateResumeOptions } from './resume.js'

describe('ResumeCursor', () => {
  it('numeric field: keeps the newest, drops records at or below it', () => {
    const cursor = new ResumeCursor({ param: 'since', field: 'id' })
    expect(cursor.position).toBeUndefined()
    expect([1, 2, 3, 2, 3, 4, 1].map((id) => cursor.accept({ id }))).toEqual([
      true,
      true,
      true,
      false,
      false,
      true,
      false,
    ])
    expect(cursor.position).toBe(4)
  })

  it('string field: drops keys already seen, the newest is the last one received', () => {
    const cursor = new ResumeCursor({ param: 'after', field: 'key' })
    expect(['b', 'a', 'b', 'c', 'a'].map((key) => cursor.accept({ key }))).toEqual([true, true, false, true, false])
    expect(cursor.position).toBe('c')
  })

  it('remembers only the last RESUME_KEY_MEMORY string keys (bounded)', () => {
    const cursor = new ResumeCursor({ param: 'after', field: 'key' })
    for (let i = 0; i <= RESUME_KEY_MEMORY; i++) cursor.accept({ key: `k${i}` })
    expect(cursor.accept({ key: `k${RESUME_KEY_MEMORY}` })).toBe(false)
    expect(cursor.accept({ key: 'k0' })).toBe(true) // forgotten: the oldest of RESUME_KEY_MEMORY + 1
  })

  it('records without the field (text, system messages) pass and do not move the position', () => {
    const cursor = new ResumeCursor({ param: 'since', field: 'id' })
    cursor.accept({ id: 5 })
    expect(cursor.accept('hello')).toBe(true)
    expect(cursor.accept({ type: 'presence' })).toBe(true)
    expect(cursor.accept({ id: null })).toBe(true)
    expect(cursor.position).toBe(5)
  })

  it('reset() forgets the position and the keys (a new stream)', () => {
    const cursor = new ResumeCursor({ param: 'since', field: 'id' })
    cursor.accept({ id: 9 })
    cursor.reset()
    expect(cursor.position).toBeUndefined()
    expect(cursor.accept({ id: 1 })).toBe(true)
  })

  it('validateResumeOptions rejects a missing param or field with their paths', () => {
    expect(() => validateResumeOptions(undefined)).not.toThrow()
    expect(() => validateResumeOptions({ param: 'since', field: 'id' })).not.toThrow()
    try {
      validateResumeOptions({ param: '', field: '' })
      expect.unreachable()
    } catch (error) {
      expect(isTetherError(error, 'TETHER_INVALID_VARIABLE_OPTIONS')).toBe(true)
      expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
        'resume.param',
        'resume.field',
      ])
    }
  })
})
