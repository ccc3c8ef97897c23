import { parsePageScript } from '@tether/runtime/page-script'
import { describe, expect, it } from 'vitest'

describe('parsePageScript', () => {
  it('lists the named exports of a module of the latest JavaScript', () => {
    const source = [
      'const helper = (x) => x ?? 1',
      'export function chatroomonMessageReceive(variable, data, options) {}',
      'export async function later() { await null }',
      'export const arrow = () => helper(2), other = 1',
      'function local() {}',
      'export { local as renamed, helper }',
      'export default function ignored() {}',
      'class A { #secret = 1; static { this.x = 1 } }',
    ].join('\n')
    expect(parsePageScript(source)).toEqual({
      ok: true,
      handlers: ['arrow', 'chatroomonMessageReceive', 'helper', 'later', 'other', 'renamed'],
    })
  })

  it('reports a syntax error with its 1-based line and column, without running anything', () => {
    const result = parsePageScript('export function ok() {}\nexport function broken( {\n  globalThis.ran = true\n}\n')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.line).toBe(3)
    expect(result.error.column).toBeGreaterThan(0)
    expect(result.error.message).not.toMatch(/\(\d+:\d+\)$/)
    expect((globalThis as { ran?: unknown }).ran).toBeUndefined()
  })

  it('parses as a module: import/export are allowed, with is not', () => {
    expect(parsePageScript("import { x } from './other.js'\nexport { x }").ok).toBe(true)
    const result = parsePageScript('with (a) {}')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatchObject({ line: 1, column: 1 })
  })
})
