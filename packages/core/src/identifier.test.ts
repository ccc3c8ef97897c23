import { describe, expect, it } from 'vitest'
import { isTetherError } from './errors.js'
import { isIdentifier, MAX_IDENTIFIER_LENGTH } from './identifier.js'
import { defineWebSocketService } from './service/index.js'

describe('isIdentifier', () => {
  it('accepts letters, digits and _ not starting with a digit, up to 64 characters', () => {
    for (const name of ['chatroom', '_x', 'Room_2', 'a'.repeat(MAX_IDENTIFIER_LENGTH)]) {
      expect(isIdentifier(name), name).toBe(true)
    }
  })

  it('refuses everything else, __proto__ included', () => {
    for (const name of ['', '2rooms', 'chat-room', 'chat room', 'é', 'a'.repeat(65), '__proto__', 42, null]) {
      expect(isIdentifier(name), String(name)).toBe(false)
    }
  })
})

describe('the identifier rule in a service definition', () => {
  it('refuses a 65-character service name with a coded error (the server could not save it)', () => {
    const error = (() => {
      try {
        defineWebSocketService({ name: 's'.repeat(65), url: 'ws://localhost:8080/x' })
      } catch (e) {
        return e
      }
    })()
    expect(isTetherError(error, 'TETHER_INVALID_SERVICE_DEFINITION')).toBe(true)
    expect((error as { details: { path: string; message: string }[] }).details).toEqual([
      { path: 'name', message: expect.stringContaining('at most 64 characters') },
    ])
    expect(() => defineWebSocketService({ name: 's'.repeat(64), url: 'ws://localhost:8080/x' })).not.toThrow()
  })
})
