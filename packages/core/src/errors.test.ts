import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ErrorCodes } from './errors.js'

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8')

/** `[code, meaning]` for every entry of the registry, the meaning being its doc comment. */
function registryRows(): [string, string][] {
  const source = read('./errors.ts')
  return [...source.matchAll(/\/\*\* (.+?) \*\/\n\s+[A-Z_]+: '(TETHER_[A-Z_]+)',/g)].map((m) => [
    m[2] as string,
    m[1] as string,
  ])
}

/** `[code, meaning]` for every row of the README's "Error codes" table. */
function readmeRows(): [string, string][] {
  const section = read('../README.md').split('## Error codes')[1]?.split('\n## ')[0] ?? ''
  return [...section.matchAll(/^\| `(TETHER_[A-Z_]+)` \| (.+) \|$/gm)].map((m) => [m[1] as string, m[2] as string])
}

describe('ErrorCodes', () => {
  it('has a doc comment for every code (read from the source)', () => {
    expect(registryRows().map(([code]) => code)).toEqual(Object.values(ErrorCodes))
  })

  it('is exactly the README error-code table, in order and in the same words', () => {
    expect(readmeRows()).toEqual(registryRows())
  })
})
