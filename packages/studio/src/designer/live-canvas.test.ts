import { tetherCss } from '@tether/react'
import { describe, expect, it } from 'vitest'

describe('live canvas', () => {
  it("can scope the runtime stylesheet's body rule to the canvas", () => {
    expect(tetherCss).toMatch(/(^|\n)body \{/)
  })
})
