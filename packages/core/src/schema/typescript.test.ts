import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { inferSchema } from './infer-schema.js'
import { typeNameFor } from './typescript.js'

const dir = mkdtempSync(join(tmpdir(), 'tether-infer-ts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Type-checks files with the real compiler; returns the diagnostics as readable text. */
function typeCheck(files: Record<string, string>): string[] {
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return path
  })
  const program = ts.createProgram(paths, {
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    skipLibCheck: true,
  })
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : ''
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
  })
}

/** The declaration plus the samples themselves typed with it: the type must accept what it was inferred from. */
function moduleFor(samples: unknown[], name?: string): string {
  const result = inferSchema(samples, name === undefined ? {} : { name })
  return `${result.typescript}\nexport const samples: ${typeNameFor(name)}[] = ${JSON.stringify(samples, null, 2)}\n`
}

describe('inferred TypeScript declarations', () => {
  it('compile, and accept their own samples', () => {
    const fixed: Record<string, string> = {
      'heartrate.ts': moduleFor([{ time: 1513152655902, value: 95 }], 'heartrate'),
      'chat.ts': moduleFor([{ username: 'user1', message: 'hello', time: 1507809721548 }], 'chatroom'),
      'routed.ts': moduleFor(
        [
          { type: 'join', user: 'ann' },
          { type: 'message', user: 'ann', text: 'hi', 'odd key': [1, 'x', null] },
          { type: 'leave', user: 'ann', at: '2024-01-01T00:00:00Z' },
        ],
        'chat-room events',
      ),
      'union.ts': moduleFor([{ a: 1 }, { b: { c: [] } }, 'text', 3.5, null, [[1], [{}]]]),
      'empty.ts': moduleFor([], '123 numbers'),
    }
    // Keys named __proto__ are left out: in an object literal that key sets the prototype, not a property.
    const generated = fc
      .sample(fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 4 }), { numRuns: 40, seed: 42 })
      .filter((samples) => !JSON.stringify(samples).includes('"__proto__"'))
    const files = { ...fixed }
    generated.forEach((samples, i) => {
      files[`generated${i}.ts`] = moduleFor(samples, `generated ${i}`)
    })
    expect(Object.keys(files).length).toBeGreaterThan(30)
    expect(typeCheck(files)).toEqual([])
  })

  it('fail to type-check a sample of the wrong shape (the check is real)', () => {
    const { typescript } = inferSchema({ time: 1513152655902, value: 95 }, { name: 'heartrate' })
    const diagnostics = typeCheck({
      'wrong.ts': `${typescript}\nexport const m: HeartrateMessage = { time: 'soon', value: 95 }\n`,
    })
    expect(diagnostics.join('\n')).toMatch(/not assignable to type 'number'/)
  })
})
